/** Configuration read once per container from the environment. */
export interface PublishConfig {
  /** The API's GraphQL endpoint (CloudFormation `GraphQLUrl`). */
  graphqlUrl: string;
  /** The region requests are signed for (AppSync's SigV4 scope). */
  region: string;
}

/** The function's credentials, as Lambda puts them in the environment. */
export interface EnvironmentCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * What subscribers receive: the fields of `OtpVerifiedEvent`. A session proves either an email address or a phone
 * number, so exactly one of the two is set and the other is null.
 */
export type OtpVerifiedEvent = { sessionId: string; verifiedAt: string } & (
  | { email: string; phoneNumber: null }
  | { email: null; phoneNumber: string }
);

/** What happened to one stream record. */
export type RecordOutcome = 'published' | 'skipped-not-a-verified-session';
