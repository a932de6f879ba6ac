/**
 * What the explorer page is told about the API it is served for, embedded in the page as JSON. Shared by the engine
 * (which builds it) and the browser bundle (which reads it): type-only imports here, nothing that needs Node.
 */
import type { ApiConfig, AuthMode } from '../../stack-description.ts';
import type { IamCredentials } from '../auth/sigv4.ts';

/** One API key the auth selector offers. */
export interface ExplorerApiKey {
  /** The key's logical id in the template, shown next to the value. */
  label: string;
  /** The key value sent as `x-api-key`. */
  value: string;
  expired: boolean;
}

/** The page's configuration. */
export interface ExplorerConfig {
  apiName: string;
  /** Same-origin path of the GraphQL endpoint, e.g. `/graphql`. */
  graphqlPath: string;
  /** Same-origin path of the real-time endpoint, e.g. `/graphql/realtime`. */
  realtimePath: string;
  /** The region IAM requests are signed for (the engine's). */
  region: string;
  /** The API's auth modes, its default first (`defaultAuth`, then `additionalAuth`). */
  authModes: AuthMode[];
  apiKeys: ExplorerApiKey[];
  /**
   * The local IAM user's credentials, present when the API enables AWS_IAM and the engine knows them: the page signs
   * with them. They reach only same-origin loopback pages (no CORS header on the page, Host check first).
   */
  iam: IamCredentials | null;
}

/** Modes whose credential is a token the developer pastes (sent as `Authorization`). */
export const TOKEN_MODES: readonly AuthMode[] = ['AMAZON_COGNITO_USER_POOLS', 'OPENID_CONNECT', 'AWS_LAMBDA'];

/** Builds the page's configuration from the API and the engine's settings. */
export function explorerConfig(
  api: ApiConfig,
  engine: { graphqlPath: string; realtimePath: string; region: string; iamCredentials?: IamCredentials; defaultKeyExpires: number },
  nowSeconds: number = Math.floor(Date.now() / 1000),
): ExplorerConfig {
  const authModes = [...new Set([api.defaultAuth, ...api.additionalAuth])];
  const iam = authModes.includes('AWS_IAM') && engine.iamCredentials ? engine.iamCredentials : null;
  return {
    apiName: api.name,
    graphqlPath: engine.graphqlPath,
    realtimePath: engine.realtimePath,
    region: engine.region,
    authModes,
    apiKeys: authModes.includes('API_KEY')
      ? api.apiKeys.map((key) => ({ label: key.logicalId, value: key.id, expired: (key.expires ?? engine.defaultKeyExpires) <= nowSeconds }))
      : [],
    // Only the two fields the signer needs: nothing else of the engine's credential objects reaches the page.
    iam: iam && { accessKeyId: iam.accessKeyId, secretAccessKey: iam.secretAccessKey },
  };
}
