/** What `npm start` writes to `.local/endpoints.json` once every part is ready (contract in DESIGN.md). */
export interface Endpoints {
  graphqlUrl: string;
  /** AppSync's custom-domain form of the real-time endpoint: `{graphqlUrl}/realtime` over ws://. */
  realtimeUrl: string;
  apiKey: string;
  region: string;
  /** Base URL of the local SES; `GET {sesUrl}/store` lists the mail, `/` is the inbox viewer. */
  sesUrl: string;
  dynamodbUrl: string;
  /** The web app; absent when the stack was started without it. */
  webUrl?: string;
  /** Local credentials accepted for IAM (SigV4) auth. */
  iam: { accessKeyId: string; secretAccessKey: string };
}
