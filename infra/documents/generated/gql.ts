/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation ConsumeVerification($sessionId: ID!) {\n  consumeVerification(sessionId: $sessionId) {\n    sessionId\n    email\n    state\n    verifiedAt\n    audience\n    consumedAt\n  }\n}": typeof types.ConsumeVerificationDocument,
    "mutation GenerateOtp($email: AWSEmail!, $locale: String, $audience: String) {\n  generateOtp(email: $email, locale: $locale, audience: $audience) {\n    sessionId\n    expiresAt\n    resendAvailableAt\n  }\n}": typeof types.GenerateOtpDocument,
    "mutation GenerateSmsOtp($phoneNumber: AWSPhone!, $locale: String, $audience: String) {\n  generateSmsOtp(phoneNumber: $phoneNumber, locale: $locale, audience: $audience) {\n    sessionId\n    expiresAt\n    resendAvailableAt\n  }\n}": typeof types.GenerateSmsOtpDocument,
    "subscription OnOtpVerified($email: AWSEmail, $phoneNumber: AWSPhone) {\n  onOtpVerified(email: $email, phoneNumber: $phoneNumber) {\n    sessionId\n    email\n    phoneNumber\n    verifiedAt\n  }\n}": typeof types.OnOtpVerifiedDocument,
    "mutation PublishOtpVerified($sessionId: ID!, $email: AWSEmail, $phoneNumber: AWSPhone, $verifiedAt: AWSDateTime!) {\n  publishOtpVerified(\n    sessionId: $sessionId\n    email: $email\n    phoneNumber: $phoneNumber\n    verifiedAt: $verifiedAt\n  ) {\n    sessionId\n    email\n    phoneNumber\n    verifiedAt\n  }\n}": typeof types.PublishOtpVerifiedDocument,
    "mutation StepUpOtp($locale: String, $audience: String) {\n  generateOtp(locale: $locale, audience: $audience) {\n    sessionId\n    expiresAt\n    resendAvailableAt\n  }\n}": typeof types.StepUpOtpDocument,
    "query Verification($sessionId: ID!) {\n  verification(sessionId: $sessionId) {\n    sessionId\n    email\n    phoneNumber\n    state\n    verifiedAt\n    audience\n    consumedAt\n    userSub\n  }\n}": typeof types.VerificationDocument,
    "mutation VerifyOtp($sessionId: ID!, $code: String!) {\n  verifyOtp(sessionId: $sessionId, code: $code) {\n    verified\n    status\n    attemptsRemaining\n    token\n  }\n}": typeof types.VerifyOtpDocument,
};
const documents: Documents = {
    "mutation ConsumeVerification($sessionId: ID!) {\n  consumeVerification(sessionId: $sessionId) {\n    sessionId\n    email\n    state\n    verifiedAt\n    audience\n    consumedAt\n  }\n}": types.ConsumeVerificationDocument,
    "mutation GenerateOtp($email: AWSEmail!, $locale: String, $audience: String) {\n  generateOtp(email: $email, locale: $locale, audience: $audience) {\n    sessionId\n    expiresAt\n    resendAvailableAt\n  }\n}": types.GenerateOtpDocument,
    "mutation GenerateSmsOtp($phoneNumber: AWSPhone!, $locale: String, $audience: String) {\n  generateSmsOtp(phoneNumber: $phoneNumber, locale: $locale, audience: $audience) {\n    sessionId\n    expiresAt\n    resendAvailableAt\n  }\n}": types.GenerateSmsOtpDocument,
    "subscription OnOtpVerified($email: AWSEmail, $phoneNumber: AWSPhone) {\n  onOtpVerified(email: $email, phoneNumber: $phoneNumber) {\n    sessionId\n    email\n    phoneNumber\n    verifiedAt\n  }\n}": types.OnOtpVerifiedDocument,
    "mutation PublishOtpVerified($sessionId: ID!, $email: AWSEmail, $phoneNumber: AWSPhone, $verifiedAt: AWSDateTime!) {\n  publishOtpVerified(\n    sessionId: $sessionId\n    email: $email\n    phoneNumber: $phoneNumber\n    verifiedAt: $verifiedAt\n  ) {\n    sessionId\n    email\n    phoneNumber\n    verifiedAt\n  }\n}": types.PublishOtpVerifiedDocument,
    "mutation StepUpOtp($locale: String, $audience: String) {\n  generateOtp(locale: $locale, audience: $audience) {\n    sessionId\n    expiresAt\n    resendAvailableAt\n  }\n}": types.StepUpOtpDocument,
    "query Verification($sessionId: ID!) {\n  verification(sessionId: $sessionId) {\n    sessionId\n    email\n    phoneNumber\n    state\n    verifiedAt\n    audience\n    consumedAt\n    userSub\n  }\n}": types.VerificationDocument,
    "mutation VerifyOtp($sessionId: ID!, $code: String!) {\n  verifyOtp(sessionId: $sessionId, code: $code) {\n    verified\n    status\n    attemptsRemaining\n    token\n  }\n}": types.VerifyOtpDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConsumeVerification($sessionId: ID!) {\n  consumeVerification(sessionId: $sessionId) {\n    sessionId\n    email\n    state\n    verifiedAt\n    audience\n    consumedAt\n  }\n}"): (typeof documents)["mutation ConsumeVerification($sessionId: ID!) {\n  consumeVerification(sessionId: $sessionId) {\n    sessionId\n    email\n    state\n    verifiedAt\n    audience\n    consumedAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation GenerateOtp($email: AWSEmail!, $locale: String, $audience: String) {\n  generateOtp(email: $email, locale: $locale, audience: $audience) {\n    sessionId\n    expiresAt\n    resendAvailableAt\n  }\n}"): (typeof documents)["mutation GenerateOtp($email: AWSEmail!, $locale: String, $audience: String) {\n  generateOtp(email: $email, locale: $locale, audience: $audience) {\n    sessionId\n    expiresAt\n    resendAvailableAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation GenerateSmsOtp($phoneNumber: AWSPhone!, $locale: String, $audience: String) {\n  generateSmsOtp(phoneNumber: $phoneNumber, locale: $locale, audience: $audience) {\n    sessionId\n    expiresAt\n    resendAvailableAt\n  }\n}"): (typeof documents)["mutation GenerateSmsOtp($phoneNumber: AWSPhone!, $locale: String, $audience: String) {\n  generateSmsOtp(phoneNumber: $phoneNumber, locale: $locale, audience: $audience) {\n    sessionId\n    expiresAt\n    resendAvailableAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription OnOtpVerified($email: AWSEmail, $phoneNumber: AWSPhone) {\n  onOtpVerified(email: $email, phoneNumber: $phoneNumber) {\n    sessionId\n    email\n    phoneNumber\n    verifiedAt\n  }\n}"): (typeof documents)["subscription OnOtpVerified($email: AWSEmail, $phoneNumber: AWSPhone) {\n  onOtpVerified(email: $email, phoneNumber: $phoneNumber) {\n    sessionId\n    email\n    phoneNumber\n    verifiedAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PublishOtpVerified($sessionId: ID!, $email: AWSEmail, $phoneNumber: AWSPhone, $verifiedAt: AWSDateTime!) {\n  publishOtpVerified(\n    sessionId: $sessionId\n    email: $email\n    phoneNumber: $phoneNumber\n    verifiedAt: $verifiedAt\n  ) {\n    sessionId\n    email\n    phoneNumber\n    verifiedAt\n  }\n}"): (typeof documents)["mutation PublishOtpVerified($sessionId: ID!, $email: AWSEmail, $phoneNumber: AWSPhone, $verifiedAt: AWSDateTime!) {\n  publishOtpVerified(\n    sessionId: $sessionId\n    email: $email\n    phoneNumber: $phoneNumber\n    verifiedAt: $verifiedAt\n  ) {\n    sessionId\n    email\n    phoneNumber\n    verifiedAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StepUpOtp($locale: String, $audience: String) {\n  generateOtp(locale: $locale, audience: $audience) {\n    sessionId\n    expiresAt\n    resendAvailableAt\n  }\n}"): (typeof documents)["mutation StepUpOtp($locale: String, $audience: String) {\n  generateOtp(locale: $locale, audience: $audience) {\n    sessionId\n    expiresAt\n    resendAvailableAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Verification($sessionId: ID!) {\n  verification(sessionId: $sessionId) {\n    sessionId\n    email\n    phoneNumber\n    state\n    verifiedAt\n    audience\n    consumedAt\n    userSub\n  }\n}"): (typeof documents)["query Verification($sessionId: ID!) {\n  verification(sessionId: $sessionId) {\n    sessionId\n    email\n    phoneNumber\n    state\n    verifiedAt\n    audience\n    consumedAt\n    userSub\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation VerifyOtp($sessionId: ID!, $code: String!) {\n  verifyOtp(sessionId: $sessionId, code: $code) {\n    verified\n    status\n    attemptsRemaining\n    token\n  }\n}"): (typeof documents)["mutation VerifyOtp($sessionId: ID!, $code: String!) {\n  verifyOtp(sessionId: $sessionId, code: $code) {\n    verified\n    status\n    attemptsRemaining\n    token\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;