/**
 * CDK context for the stacks that tests and benchmarks load with thousands of codes, nearly all to one domain
 * (example.com): the service-wide send budgets (by default 300 codes a minute, 100 per recipient domain) would refuse
 * most of them. The budgets themselves are proven with small values in test/budgets.test.ts.
 */
export const LOAD_CONTEXT: Readonly<Record<string, string>> = {
  globalSendsPerMinute: '1000000',
  domainSendsPerMinute: '1000000',
};
