/** What the local stack serves, as `appsync-local start` writes it to its endpoints file (`.local/endpoints.json`). */
export interface Endpoints extends ApiEndpoints {
  /** Every API of the stack by its name; the top-level URLs and key are the first API's (in template order). */
  apis: Record<string, ApiEndpoints>;
  region: string;
  /** Base URL of the local SES; `GET {sesUrl}/store` lists the mail, `/` is the inbox viewer. Absent without SES. */
  sesUrl?: string;
  /**
   * Base URL of the local SNS for SMS (SNS's API; `AWS_ENDPOINT_URL_SNS` of the functions): `GET {smsUrl}/store` lists
   * the texts (`{ messages: [{ phoneNumber, message, senderId, sentAt, … }], failedDeliveries }`), `/` is the inbox
   * viewer. Absent without it.
   */
  smsUrl?: string;
  dynamodbUrl: string;
  /** The local KMS (KMS's JSON protocol; `AWS_ENDPOINT_URL_KMS` of the functions): the template's keys. */
  kmsUrl: string;
  /**
   * The local Cognito (services/cognito-local/), when the template declares user pools: its endpoint (the clients'
   * `endpoint`, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER), the first pool and that pool's first app client, and
   * every pool with its clients.
   */
  cognito?: CognitoEndpoints;
  /**
   * A local token issuer for each Cognito user pool an API trusts that the template does not declare (an existing
   * pool named by id, which has no local counterpart): POST JSON claims to `tokenUrl` for `{ "id_token": … }`.
   */
  userPools?: { userPoolId: string; issuer: string; tokenUrl: string }[];
  /**
   * `POST` here for the stack's settle barrier (LocalStack.settled): answered 204 once the stack has dealt with
   * everything written before the request (stream records delivered, invocations ended, what those wrote in turn),
   * 503 with the reason when it did not within a minute. For tests in another process that check nothing more was sent.
   */
  settleUrl: string;
  /** Local credentials accepted for IAM (SigV4) auth. */
  iam: { accessKeyId: string; secretAccessKey: string };
  /** The stack's Outputs with their local values, by output name (a Function URL's is its local URL). */
  outputs: Record<string, string>;
  /** What sidecars add (e.g. a web dev server's `webUrl`). */
  [sidecarEndpoint: string]: unknown;
}

/** One AppSync API's endpoints. */
export interface ApiEndpoints {
  graphqlUrl: string;
  /** AppSync's custom-domain form of the real-time endpoint: `{graphqlUrl}/realtime` over ws://. */
  realtimeUrl: string;
  /** The API's first key (sent as `x-api-key`); absent when the API has none. */
  apiKey?: string;
}

/** The local Cognito in the endpoints file. */
export interface CognitoEndpoints {
  /** `http://127.0.0.1:<port>`: `GET {endpoint}/store` lists the codes and invitations it "sent". */
  endpoint: string;
  region: string;
  /** The first pool of the template. */
  userPoolId: string;
  /** That pool's first app client (absent when it has none). */
  clientId?: string;
  userPools: {
    userPoolId: string;
    name: string;
    /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`, the tokens' `iss`. */
    issuer: string;
    jwksUrl: string;
    clients: { clientId: string; name: string }[];
  }[];
}

/** Where each engine of a local stack serves the stack's settle barrier ({@link Endpoints.settleUrl}). */
export const SETTLE_PATH = '/_appsync-local/settled';
