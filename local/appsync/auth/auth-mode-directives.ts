/**
 * Field-level authorization from AppSync's auth directives. Per the AppSync docs (security-authz): directives
 * on a field override those on its type; an element with no directive at either level accepts only the API's
 * default mode. Introspection fields are open to any authenticated request.
 */
import { isObjectType, type GraphQLSchema } from 'graphql';
import type { AuthMode } from '../../config.ts';

const DIRECTIVE_MODES: Record<string, AuthMode> = {
  aws_api_key: 'API_KEY',
  aws_iam: 'AWS_IAM',
  aws_oidc: 'OPENID_CONNECT',
  aws_lambda: 'AWS_LAMBDA',
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
  // Legacy alias that only ever meant Cognito user pools.
  aws_auth: 'AMAZON_COGNITO_USER_POOLS',
};

/** Which modes may read `Type.field`. */
export type FieldAuthIndex = (typeName: string, fieldName: string) => ReadonlySet<AuthMode>;

function modesOf(directives: readonly { name: { value: string } }[] | undefined): AuthMode[] {
  return (directives ?? []).flatMap((directive) => {
    const mode = DIRECTIVE_MODES[directive.name.value];
    return mode ? [mode] : [];
  });
}

/** Precomputes the allowed modes of every object field (cheap lookups on the hot path). */
export function buildFieldAuthIndex(schema: GraphQLSchema, defaultAuth: AuthMode): FieldAuthIndex {
  const index = new Map<string, ReadonlySet<AuthMode>>();
  const defaultOnly: ReadonlySet<AuthMode> = new Set([defaultAuth]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeDirectives = [type.astNode, ...type.extensionASTNodes].flatMap((node) => node?.directives ?? []);
    const typeModes = modesOf(typeDirectives);
    for (const field of Object.values(type.getFields())) {
      const fieldModes = modesOf(field.astNode?.directives);
      const modes = fieldModes.length > 0 ? fieldModes : typeModes;
      index.set(`${type.name}.${field.name}`, modes.length > 0 ? new Set(modes) : defaultOnly);
    }
  }
  const everyMode: ReadonlySet<AuthMode> = new Set(Object.values(DIRECTIVE_MODES));
  return (typeName, fieldName) => index.get(`${typeName}.${fieldName}`) ?? everyMode;
}
