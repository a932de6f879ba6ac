/**
 * The data model of the OTP service, one definition each: the table's keys, its item shapes and the policy
 * (defaults and ranges). Imported by the construct, the APPSYNC_JS resolvers, the Lambda functions, the web app,
 * the tests and the benchmarks.
 */
export * from './audience.ts';
export * from './brand.ts';
export * from './code-mac.ts';
export * from './items.ts';
export * from './keys.ts';
export * from './locales.ts';
export * from './policy.ts';
export * from './sign-in.ts';
export * from './sms.ts';
export * from './token.ts';
