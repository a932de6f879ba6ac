/**
 * The `@aws-appsync/utils/ai` module (bedrock-helpers.d.ts): `invokeModel` and `converse` build the Bedrock request
 * objects of resolver-return-types.d.ts, `{ operation: 'InvokeModel' | 'Converse', ...payload }`
 * (https://docs.aws.amazon.com/appsync/latest/devguide/resolver-reference-bedrock-js.html). No Bedrock data source runs
 * locally: the objects can be built and checked (EvaluateCode, tests), not sent.
 */
type Json = Record<string, unknown>;

export const aiModule = {
  invokeModel: (payload: Json): Json => ({ operation: 'InvokeModel', ...payload }),
  converse: (payload: Json): Json => ({ operation: 'Converse', ...payload }),
};
