/**
 * otp-appsync-cdk: the `OtpService` construct — email one-time-password verification on AWS AppSync (APPSYNC_JS
 * resolvers on a DynamoDB table, stream-fed Lambda functions that email the codes through SES and publish verification
 * events) — with its props, its defaults, and its prebuilt code. The schema is `otp-appsync-cdk/schema.graphql`, the
 * typed client documents `otp-appsync-cdk/documents`.
 */
export { OtpService } from './lib/otp-service.ts';
export type { OtpServiceProps, ResolvedOtpServiceProps, WafChallenge } from './lib/otp-service-props.ts';
export type { OtpSignInProps } from './lib/otp-service-props.ts';
export { SignInFactor, type SignInFactorProps } from './lib/sign-in-factor.ts';
export { SIGN_IN_CHALLENGE_PARAMETERS, SIGN_IN_FLOWS, type SignInFlow } from './model/sign-in.ts';
export { OTP_SERVICE_DEFAULTS } from './lib/otp-service-props.ts';
export { POLICY_DEFAULTS, POLICY_RANGES, type PolicySettings } from './model/policy.ts';
export { OtpWebAcl, type OtpWebAclProps } from './lib/otp-web-acl.ts';
export { VerificationTokens, type VerificationTokensProps } from './lib/verification-tokens.ts';
export type { KmsDataSource } from './lib/kms-data-source.ts';
export type { KmsKeyAction } from './lib/kms-key-grant.ts';
