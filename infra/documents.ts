/**
 * `otp-appsync-cdk/documents`: the OtpService API's operations as typed GraphQL documents (GraphQL Code Generator's
 * client preset, generated from infra/documents/*.graphql), for clients such as Apollo, urql or graphql-request.
 */
export {
  ConsumeVerificationDocument,
  GenerateOtpDocument,
  OnOtpVerifiedDocument,
  StepUpOtpDocument,
  VerificationDocument,
  VerifyOtpDocument,
} from './documents/generated/graphql.ts';
export type * from './documents/generated/graphql.ts';
