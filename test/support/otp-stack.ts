/** The product's local stack for end-to-end tests and benchmarks: appsync-local running the OtpService app. */
import { startLocalStack, type Endpoints, type LocalStack, type LocalStackOptions, type SesLocal } from 'appsync-local';
import { OTP_STACK } from '../../appsync-local.config.ts';
import { webDevServer } from '../../web/dev-server.ts';

/** The endpoints of the OtpService stack: its API has a key, the stack has SES and a JWKS, and the web app when asked. */
export interface OtpEndpoints extends Endpoints {
  apiKey: string;
  sesUrl: string;
  /** The JWKS of verifyOtp's tokens (the stack's JwksUrl output). */
  jwksUrl: string;
  webUrl?: string;
}

export interface OtpStack extends LocalStack {
  endpoints: OtpEndpoints;
  ses: SesLocal;
}

/** `clock`: the time the resolvers see (`adjustableClock()` from appsync-local), for tests that jump ahead. */
export interface OtpStackOptions
  extends Pick<LocalStackOptions, 'stateDir' | 'context' | 'ses' | 'sms' | 'persist' | 'log' | 'onFatal' | 'clock' | 'endpointOverrides' | 'dynamodbJvm' | 'dynamodbLocal'> {
  /** Serve the web app too. @default false */
  web?: boolean;
}

/** Starts the OtpService stack on free ports. */
export async function startOtpStack(options: OtpStackOptions): Promise<OtpStack> {
  const { web, ...rest } = options;
  const stack = await startLocalStack({ ...OTP_STACK, ...rest, sidecars: web ? [webDevServer()] : [] });
  try {
    if (!stack.ses) throw new Error('the OtpService stack runs with the local SES');
    return { ...stack, ses: stack.ses, endpoints: otpEndpoints(stack.endpoints) };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/** Checks that endpoints are the OtpService stack's (an API key and SES). */
export function otpEndpoints(endpoints: Endpoints): OtpEndpoints {
  const { apiKey, sesUrl, jwksUrl, webUrl } = endpoints;
  if (typeof apiKey !== 'string' || typeof sesUrl !== 'string' || typeof jwksUrl !== 'string') {
    throw new Error('not the OtpService stack: no API key, no SES or no JWKS');
  }
  return { ...endpoints, apiKey, sesUrl, jwksUrl, ...(typeof webUrl === 'string' ? { webUrl } : {}) };
}
