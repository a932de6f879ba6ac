/** The stack whose outputs the web app needs, as named in infra/bin/app.ts. */
export const WEB_ENV_STACK = 'OtpService';

/** `VITE_*` variable → output of {@link WEB_ENV_STACK} it is read from. */
const WEB_ENV_OUTPUTS = {
  VITE_GRAPHQL_URL: 'GraphqlUrl',
  VITE_API_KEY: 'ApiKeyId',
  VITE_OTP_CODE_LENGTH: 'CodeLength',
} as const;

/**
 * `VITE_*` variable → output of {@link WEB_ENV_STACK} written when the stack has it: the user pool of the sign-in
 * pages exists only when the stack enables sign-in (the app leaves the pages out without them).
 */
const OPTIONAL_WEB_ENV_OUTPUTS = {
  VITE_COGNITO_USER_POOL_ID: 'UserPoolId',
  VITE_COGNITO_CLIENT_ID: 'UserPoolClientId',
  /** Which sign-in pages can work (the pool's triggers refuse the other flow). */
  VITE_COGNITO_SIGN_IN_FLOW: 'SignInFlow',
} as const;

/**
 * Turns the JSON written by `cdk deploy --outputs-file` (`{ "<stack>": { "<output>": "<value>" } }`) into the text of
 * `web/.env`. Pure: reading and writing the files is the caller's job.
 * @param outputsJson the outputs file's content.
 * @param source where the JSON came from, for error messages.
 * @throws Error naming the missing stack or output, or saying the JSON is malformed.
 */
export function webEnvFromCdkOutputs(outputsJson: string, source: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(outputsJson);
  } catch (error) {
    throw new Error(`${source} is not valid JSON (${(error as Error).message}); run 'npm run deploy' again`, { cause: error });
  }
  const stack = isRecord(parsed) ? parsed[WEB_ENV_STACK] : undefined;
  if (!isRecord(stack)) {
    throw new Error(`${source} has no outputs of stack '${WEB_ENV_STACK}'; was it deployed with --outputs-file ${source}?`);
  }
  const lines = [`# Written by infra/bin/write-web-env.ts from ${source} (stack ${WEB_ENV_STACK}); rerun 'npm run deploy' to refresh.`];
  // The optional outputs come as a group: all of them or none (one without the other is a broken stack).
  const optional: Record<string, string> = Object.values(OPTIONAL_WEB_ENV_OUTPUTS).some((output) => stack[output] !== undefined)
    ? OPTIONAL_WEB_ENV_OUTPUTS
    : {};
  const wanted: Record<string, string> = { ...WEB_ENV_OUTPUTS, ...optional };
  for (const [variable, output] of Object.entries(wanted)) {
    const value = stack[output];
    if (typeof value !== 'string' || value === '') {
      throw new Error(`${source}: stack '${WEB_ENV_STACK}' has no output '${output}' (needed for ${variable})`);
    }
    // A newline would start a new variable; CloudFormation outputs never hold one, so this only guards bad input.
    if (/[\r\n]/.test(value)) throw new Error(`${source}: output '${output}' contains a line break`);
    lines.push(`${variable}=${value}`);
  }
  return `${lines.join('\n')}\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
