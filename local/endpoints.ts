/** What the local stack serves, as `appsync-local start` writes it to its endpoints file (`.local/endpoints.json`). */
export interface Endpoints extends ApiEndpoints {
  /** Every API of the stack by its name; the top-level URLs and key are the first API's (in template order). */
  apis: Record<string, ApiEndpoints>;
  region: string;
  /** Base URL of the local SES; `GET {sesUrl}/store` lists the mail, `/` is the inbox viewer. Absent without SES. */
  sesUrl?: string;
  dynamodbUrl: string;
  /** The local KMS (KMS's JSON protocol; `AWS_ENDPOINT_URL_KMS` of the functions): the template's keys. */
  kmsUrl: string;
  /**
   * A local token issuer for each Cognito user pool an API trusts (until Cognito itself runs locally): POST JSON claims
   * to `tokenUrl` for `{ "id_token": … }`, sent as `Authorization`.
   */
  userPools?: { userPoolId: string; issuer: string; tokenUrl: string }[];
  /** Local credentials accepted for IAM (SigV4) auth. */
  iam: { accessKeyId: string; secretAccessKey: string };
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
