import type { FunctionUrlConfig, FunctionUrlCorsConfig } from '../stack-description.ts';
import { resolveFunctionReference } from './function-reference.ts';
import { evaluate, evaluateString, IntrinsicError } from './intrinsics.ts';
import type { StackScope } from './stack-scope.ts';
import type { NamedResource } from './template-types.ts';

/**
 * AWS::Lambda::Url → {@link FunctionUrlConfig}. The target must be a function of this stack (a qualifier is taken as the
 * function itself: the local stack runs one version of each). Defaults are Lambda's: InvokeMode BUFFERED, no CORS.
 * @throws IntrinsicError naming the resource for a target that is not a function of the template or an unknown AuthType.
 */
export function toFunctionUrlConfigs(scope: StackScope): FunctionUrlConfig[] {
  return scope.resources.filter((resource) => resource.Type === 'AWS::Lambda::Url').map((resource) => toFunctionUrlConfig(resource, scope));
}

function toFunctionUrlConfig(resource: NamedResource, scope: StackScope): FunctionUrlConfig {
  const id = resource.logicalId;
  const properties = resource.Properties ?? {};
  const target = resolveFunctionReference(properties.TargetFunctionArn, scope);
  if (!target?.logicalId) {
    throw new IntrinsicError(`AWS::Lambda::Url ${id}: TargetFunctionArn ${JSON.stringify(target?.text ?? properties.TargetFunctionArn)} is not a function of this stack`);
  }
  const authType = evaluateString(properties.AuthType, scope, `${id}.AuthType`);
  if (authType !== 'NONE' && authType !== 'AWS_IAM') throw new IntrinsicError(`AWS::Lambda::Url ${id}: AuthType ${JSON.stringify(authType)} is not NONE or AWS_IAM`);
  const invokeMode = properties.InvokeMode === undefined ? 'BUFFERED' : evaluateString(properties.InvokeMode, scope, `${id}.InvokeMode`);
  const cors = properties.Cors === undefined ? undefined : toCors(evaluate(properties.Cors, scope));
  return {
    logicalId: id,
    functionName: target.name,
    functionArn: evaluateString({ 'Fn::GetAtt': [target.logicalId, 'Arn'] }, scope, `${id}.TargetFunctionArn`),
    url: evaluateString({ 'Fn::GetAtt': [id, 'FunctionUrl'] }, scope, `${id}.FunctionUrl`),
    authType,
    ...(cors ? { cors } : {}),
    invokeMode: invokeMode === 'RESPONSE_STREAM' ? 'RESPONSE_STREAM' : 'BUFFERED',
  };
}

function toCors(value: unknown): FunctionUrlCorsConfig {
  const cors = (value ?? {}) as Record<string, unknown>;
  const list = (entry: unknown): string[] => (Array.isArray(entry) ? entry.map(String) : []);
  const maxAge = Number(cors.MaxAge);
  return {
    allowCredentials: cors.AllowCredentials === true || cors.AllowCredentials === 'true',
    allowHeaders: list(cors.AllowHeaders).map((name) => name.toLowerCase()),
    allowMethods: list(cors.AllowMethods).map((method) => method.toUpperCase()),
    allowOrigins: list(cors.AllowOrigins),
    exposeHeaders: list(cors.ExposeHeaders).map((name) => name.toLowerCase()),
    ...(cors.MaxAge !== undefined && Number.isFinite(maxAge) ? { maxAgeSeconds: maxAge } : {}),
  };
}
