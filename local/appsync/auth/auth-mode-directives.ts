/**
 * Field-level authorization from AppSync's auth directives. Per the AppSync docs (security-authz): directives
 * on a field override those on its type; an element with no directive at either level accepts only the API's
 * default mode. Introspection fields are open to any authenticated request.
 */
import { isObjectType, Kind, type ConstDirectiveNode, type GraphQLSchema } from 'graphql';
import type { AuthMode } from '../../stack-description.ts';

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

/** Directives that grant the Cognito user pools mode and may name groups (`cognito_groups`). */
const USER_POOL_DIRECTIVES = new Set(['aws_cognito_user_pools', 'aws_auth']);

/**
 * The Cognito groups that may read `Type.field`: the `cognito_groups` of its `@aws_cognito_user_pools` / `@aws_auth`
 * directive (field-level directives override type-level ones, as for modes), or null when no such directive names
 * groups (any user of the pool, subject to the pool's DefaultAction).
 */
export type CognitoGroupIndex = (typeName: string, fieldName: string) => readonly string[] | null;

type DirectiveNodes = readonly ConstDirectiveNode[] | undefined;

function groupsOf(directives: DirectiveNodes): string[] | null {
  let groups: string[] | null = null;
  for (const directive of directives ?? []) {
    if (!USER_POOL_DIRECTIVES.has(directive.name.value)) continue;
    const argument = directive.arguments?.find((arg) => arg.name.value === 'cognito_groups');
    if (!argument) continue;
    const values = argument.value.kind === Kind.LIST ? argument.value.values : [argument.value];
    groups = [...(groups ?? []), ...values.flatMap((value) => (value.kind === Kind.STRING ? [value.value] : []))];
  }
  return groups;
}

/** Precomputes the group restriction of every object field. */
export function buildCognitoGroupIndex(schema: GraphQLSchema): CognitoGroupIndex {
  const index = new Map<string, readonly string[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeDirectives = [type.astNode, ...type.extensionASTNodes].flatMap((node) => node?.directives ?? []);
    for (const field of Object.values(type.getFields())) {
      const fieldDirectives = field.astNode?.directives;
      const effective = modesOf(fieldDirectives).length > 0 ? fieldDirectives : typeDirectives;
      const groups = groupsOf(effective);
      if (groups) index.set(`${type.name}.${field.name}`, groups);
    }
  }
  return (typeName, fieldName) => index.get(`${typeName}.${fieldName}`) ?? null;
}
