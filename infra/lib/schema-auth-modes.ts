/**
 * The schema as deployed for the API's auth modes. `schema.graphql` marks the step-up fields `@aws_cognito_user_pools`;
 * an OtpService without `signIn` has no user-pool mode, so the directive is taken out rather than left naming a mode
 * the API does not have (AppSync's documentation does not say it accepts that, and without the mode it grants nothing).
 */
const USER_POOLS_DIRECTIVE = /[ \t]*@aws_cognito_user_pools\b(\([^)]*\))?/g;

export function schemaForAuthModes(schema: string, modes: { userPools: boolean }): string {
  return modes.userPools ? schema : schema.replace(USER_POOLS_DIRECTIVE, '');
}
