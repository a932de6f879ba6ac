/**
 * AWS list prices (us-east-1, USD) and the cost of N verifications. Pure: usage per verification comes in from
 * the measurements (or documented assumptions), prices are constants with their source and the date read.
 */

/** One list price and where it comes from. */
export interface ListPrice {
  item: string;
  /** USD per `per` units. */
  usd: number;
  per: number;
  unit: string;
  source: string;
  /** When the price was read, and how well it is confirmed. */
  checked: string;
}

/** Prices used by the cost table. Region: us-east-1 (US East, N. Virginia). */
export const PRICES = {
  appsync: {
    item: 'AppSync query / data modification operations',
    usd: 4.0,
    per: 1_000_000,
    unit: 'operations',
    source: 'https://aws.amazon.com/appsync/pricing/',
    checked: '2026-11-25, read on the page (its pricing examples: "$4.00 per million operations")',
  },
  dynamodbWrite: {
    item: 'DynamoDB on-demand write request units',
    usd: 0.625,
    per: 1_000_000,
    unit: 'WRU',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    checked: '2026-11-25, provisional: the stored copy of the page did not show the figure; $0.625 is the rate after the Nov 2024 on-demand price cut (AWS News Blog, updated 2025-01-31) — confirm on the page',
  },
  dynamodbRead: {
    item: 'DynamoDB on-demand read request units',
    usd: 0.125,
    per: 1_000_000,
    unit: 'RRU',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    checked: '2026-11-25, provisional (as for writes) — confirm on the page',
  },
  lambdaRequests: {
    item: 'Lambda requests',
    usd: 0.2,
    per: 1_000_000,
    unit: 'invocations',
    source: 'https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html',
    checked: '2026-11-25, read on the page ("$0.20 per 1 million requests")',
  },
  lambdaDuration: {
    item: 'Lambda duration (x86)',
    usd: 0.00001667,
    per: 1,
    unit: 'GB-s',
    source: 'https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html',
    checked: '2026-11-25, read on the page ("$0.00001667 for every GB-second")',
  },
  sesEmails: {
    item: 'SES outbound email (pay as you go)',
    usd: 0.1,
    per: 1_000,
    unit: 'emails',
    source: 'https://aws.amazon.com/ses/pricing/',
    checked: '2026-11-25, provisional: the page itself was not readable here; $0.10 per 1,000 is the long-standing rate (SES added named pricing plans in 2026) — confirm on the page',
  },
} as const satisfies Record<string, ListPrice>;

/** What one verification (generateOtp, its email, verifyOtp) uses on AWS. */
export interface UsagePerVerification {
  appsyncOperations: number;
  writeUnits: number;
  readUnits: number;
  lambdaInvocations: number;
  lambdaGbSeconds: number;
  emails: number;
}

/** One line of the cost table. */
export interface CostLine {
  item: string;
  quantityPerVerification: number;
  unit: string;
  /** USD for each volume, in the order of `volumes`. */
  usd: number[];
}

/** The cost of each line for each volume of verifications, free tiers ignored. */
export function costTable(usage: UsagePerVerification, volumes: readonly number[]): CostLine[] {
  const line = (price: ListPrice, quantity: number): CostLine => ({
    item: price.item,
    quantityPerVerification: quantity,
    unit: price.unit,
    usd: volumes.map((volume) => (quantity * volume * price.usd) / price.per),
  });
  return [
    line(PRICES.appsync, usage.appsyncOperations),
    line(PRICES.dynamodbWrite, usage.writeUnits),
    line(PRICES.dynamodbRead, usage.readUnits),
    line(PRICES.lambdaRequests, usage.lambdaInvocations),
    line(PRICES.lambdaDuration, usage.lambdaGbSeconds),
    line(PRICES.sesEmails, usage.emails),
  ];
}
