/**
 * A small, pure evaluator of CloudFormation intrinsic functions, enough for what CDK synthesizes:
 * Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split, Fn::If and conditions, Fn::Base64, Fn::FindInMap,
 * and `{{resolve:secretsmanager:…}}` dynamic references inside strings.
 * What a Ref or GetAtt means is the caller's business ({@link IntrinsicScope}); this module only evaluates.
 */

/** The values of CloudFormation's pseudo parameters for one local run. */
export interface PseudoParameters {
  region: string;
  accountId: string;
  /** @default 'aws' */
  partition?: string;
  /** @default 'amazonaws.com' */
  urlSuffix?: string;
  stackName: string;
  /** @default a made-up stack ARN */
  stackId?: string;
}

/** What the evaluator asks the caller. */
export interface IntrinsicScope {
  pseudo: PseudoParameters;
  /** `Ref` to a resource or template parameter. */
  ref(logicalId: string): unknown;
  /** `Fn::GetAtt` of a resource. */
  getAtt(logicalId: string, attribute: string): unknown;
  /** The template's `Conditions` section (raw), for Fn::If and `Condition`. */
  conditions?: Record<string, unknown>;
  /** The template's `Mappings` section, for Fn::FindInMap. */
  mappings?: Record<string, Record<string, Record<string, unknown>>>;
  /** Value of `{{resolve:secretsmanager:<secretId>:SecretString:<jsonKey>::}}`; jsonKey is '' for the whole string. */
  secretValue?(secretId: string, jsonKey: string): string;
}

/** `Ref: AWS::NoValue`: the property (or list element) is removed. */
const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** Thrown for intrinsics that cannot be evaluated locally; the message names the construct at fault. */
export class IntrinsicError extends Error {
  override readonly name = 'IntrinsicError';
}

/**
 * Evaluates every intrinsic in `value` (deeply) and resolves dynamic references in the resulting strings.
 * @example evaluate({ 'Fn::Join': ['-', ['a', { Ref: 'AWS::Region' }]] }, scope) // 'a-eu-west-1'
 */
export function evaluate(value: unknown, scope: IntrinsicScope): unknown {
  if (typeof value === 'string') return resolveDynamicReferences(value, scope);
  if (Array.isArray(value)) {
    return value.map((item) => evaluate(item, scope)).filter((item) => item !== NO_VALUE);
  }
  if (value === null || typeof value !== 'object') return value;

  const entries = Object.entries(value);
  const first = entries[0];
  if (entries.length === 1 && first && isIntrinsicName(first[0])) {
    const result = evaluateFunction(first[0], first[1], scope);
    return typeof result === 'string' ? resolveDynamicReferences(result, scope) : result;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const evaluated = evaluate(item, scope);
    if (evaluated !== NO_VALUE) out[key] = evaluated;
  }
  return out;
}

/** Evaluates `value` and insists on a string (CloudFormation would too). */
export function evaluateString(value: unknown, scope: IntrinsicScope, what: string): string {
  const result = evaluate(value, scope);
  if (typeof result === 'string') return result;
  if (typeof result === 'number' || typeof result === 'boolean') return String(result);
  throw new IntrinsicError(`${what}: expected a string, got ${JSON.stringify(result)}`);
}

/** Evaluates a condition expression (Fn::Equals/Not/And/Or, `Condition`) to a boolean. */
export function evaluateCondition(expression: unknown, scope: IntrinsicScope): boolean {
  const result = evaluate(expression, scope);
  if (typeof result === 'boolean') return result;
  if (result === 'true' || result === 'false') return result === 'true';
  throw new IntrinsicError(`A condition evaluated to ${JSON.stringify(result)}, not a boolean`);
}

function isIntrinsicName(key: string): boolean {
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::');
}

function evaluateFunction(name: string, args: unknown, scope: IntrinsicScope): unknown {
  switch (name) {
    case 'Ref':
      return evaluateRef(expectString(evaluate(args, scope), 'Ref'), scope);
    case 'Fn::GetAtt':
      return evaluateGetAtt(args, scope);
    case 'Fn::Join': {
      const [delimiter, list] = expectArgs(args, 2, name);
      const items = expectList(evaluate(list, scope), name);
      return items.map((item) => stringOf(item, name)).join(expectString(evaluate(delimiter, scope), name));
    }
    case 'Fn::Sub':
      return evaluateSub(args, scope);
    case 'Fn::Select': {
      const [index, list] = expectArgs(args, 2, name);
      const items = expectList(evaluate(list, scope), name);
      const position = Number(evaluate(index, scope));
      if (!Number.isInteger(position) || position < 0 || position >= items.length) {
        throw new IntrinsicError(`Fn::Select: index ${String(position)} is outside a list of ${items.length}`);
      }
      return items[position];
    }
    case 'Fn::Split': {
      const [delimiter, source] = expectArgs(args, 2, name);
      return expectString(evaluate(source, scope), name).split(expectString(evaluate(delimiter, scope), name));
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = expectArgs(args, 3, name);
      return namedCondition(expectString(condition, name), scope) ? evaluate(whenTrue, scope) : evaluate(whenFalse, scope);
    }
    case 'Condition':
      return namedCondition(expectString(args, name), scope);
    case 'Fn::Equals': {
      const [left, right] = expectArgs(args, 2, name);
      return JSON.stringify(evaluate(left, scope)) === JSON.stringify(evaluate(right, scope));
    }
    case 'Fn::Not': {
      const [operand] = expectArgs(args, 1, name);
      return !evaluateCondition(operand, scope);
    }
    case 'Fn::And':
      return expectList(args, name).every((operand) => evaluateCondition(operand, scope));
    case 'Fn::Or':
      return expectList(args, name).some((operand) => evaluateCondition(operand, scope));
    case 'Fn::Base64':
      return Buffer.from(expectString(evaluate(args, scope), name), 'utf8').toString('base64');
    case 'Fn::FindInMap': {
      const [map, top, second] = expectArgs(args, 3, name).map((part) => expectString(evaluate(part, scope), name));
      const found = scope.mappings?.[map ?? '']?.[top ?? '']?.[second ?? ''];
      if (found === undefined) throw new IntrinsicError(`Fn::FindInMap: no ${map}.${top}.${second} in Mappings`);
      return found;
    }
    default:
      throw new IntrinsicError(`${name} is not supported locally`);
  }
}

function evaluateRef(target: string, scope: IntrinsicScope): unknown {
  const { pseudo } = scope;
  switch (target) {
    case 'AWS::Region':
      return pseudo.region;
    case 'AWS::AccountId':
      return pseudo.accountId;
    case 'AWS::Partition':
      return pseudo.partition ?? 'aws';
    case 'AWS::URLSuffix':
      return pseudo.urlSuffix ?? 'amazonaws.com';
    case 'AWS::StackName':
      return pseudo.stackName;
    case 'AWS::StackId':
      return (
        pseudo.stackId ??
        `arn:${pseudo.partition ?? 'aws'}:cloudformation:${pseudo.region}:${pseudo.accountId}:stack/${pseudo.stackName}/local`
      );
    case 'AWS::NoValue':
      return NO_VALUE;
    case 'AWS::NotificationARNs':
      return [];
    default:
      return scope.ref(target);
  }
}

function evaluateGetAtt(args: unknown, scope: IntrinsicScope): unknown {
  // Both the short `"Res.Attr"` form and the list form; only the first dot separates them.
  if (typeof args === 'string') {
    const dot = args.indexOf('.');
    if (dot < 1) throw new IntrinsicError(`Fn::GetAtt: '${args}' is not 'LogicalId.Attribute'`);
    return scope.getAtt(args.slice(0, dot), args.slice(dot + 1));
  }
  const [logicalId, attribute] = expectArgs(args, 2, 'Fn::GetAtt');
  return scope.getAtt(expectString(logicalId, 'Fn::GetAtt'), expectString(evaluate(attribute, scope), 'Fn::GetAtt'));
}

function evaluateSub(args: unknown, scope: IntrinsicScope): string {
  const [template, variables] = Array.isArray(args) ? (args as [unknown, unknown?]) : [args, undefined];
  const text = expectString(template, 'Fn::Sub');
  const bindings = (variables ?? {}) as Record<string, unknown>;
  return text.replace(/\$\{([^}]*)\}/g, (_match, rawName: string) => {
    // `${!Literal}` is CloudFormation's escape for a literal `${Literal}`.
    if (rawName.startsWith('!')) return `\${${rawName.slice(1)}}`;
    const name = rawName.trim();
    if (Object.hasOwn(bindings, name)) return stringOf(evaluate(bindings[name], scope), 'Fn::Sub');
    if (name.startsWith('AWS::')) return stringOf(evaluateRef(name, scope), 'Fn::Sub');
    const dot = name.indexOf('.');
    if (dot > 0) return stringOf(scope.getAtt(name.slice(0, dot), name.slice(dot + 1)), 'Fn::Sub');
    return stringOf(scope.ref(name), 'Fn::Sub');
  });
}

function namedCondition(name: string, scope: IntrinsicScope): boolean {
  const expression = scope.conditions?.[name];
  if (expression === undefined) throw new IntrinsicError(`Condition '${name}' is not defined in the template`);
  return evaluateCondition(expression, scope);
}

const DYNAMIC_REFERENCE = /\{\{resolve:([a-z-]+):([^}]*)\}\}/g;

/**
 * Replaces `{{resolve:secretsmanager:<secret-id>:SecretString:<json-key>:<version-stage>:<version-id>}}` with the
 * secret's local value. The secret id may be an ARN, which contains colons itself.
 */
export function resolveDynamicReferences(text: string, scope: IntrinsicScope): string {
  if (!text.includes('{{resolve:')) return text;
  return text.replace(DYNAMIC_REFERENCE, (match, service: string, reference: string) => {
    if (service !== 'secretsmanager') {
      throw new IntrinsicError(`Dynamic reference ${match}: only secretsmanager references are supported locally`);
    }
    const parts = reference.split(':');
    const idLength = reference.startsWith('arn:') ? 7 : 1;
    const secretId = parts.slice(0, idLength).join(':');
    const [secretType = 'SecretString', jsonKey = ''] = parts.slice(idLength);
    if (secretType !== 'SecretString') {
      throw new IntrinsicError(`Dynamic reference to ${secretId}: only SecretString is supported, got '${secretType}'`);
    }
    if (!scope.secretValue) throw new IntrinsicError(`Dynamic reference to ${secretId}: no secrets in scope`);
    return scope.secretValue(secretId, jsonKey);
  });
}

function expectArgs(args: unknown, count: number, name: string): unknown[] {
  if (!Array.isArray(args) || args.length < count) {
    throw new IntrinsicError(`${name}: expected ${count} arguments, got ${JSON.stringify(args)}`);
  }
  return args;
}

function expectList(value: unknown, name: string): unknown[] {
  if (!Array.isArray(value)) throw new IntrinsicError(`${name}: expected a list, got ${JSON.stringify(value)}`);
  return value;
}

function expectString(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new IntrinsicError(`${name}: expected a string, got ${JSON.stringify(value)}`);
  return value;
}

function stringOf(value: unknown, name: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new IntrinsicError(`${name}: cannot use ${JSON.stringify(value)} as a string`);
}
