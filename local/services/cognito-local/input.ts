/**
 * Reading an operation's JSON input as Cognito's front end does: required members, lengths, enums and string maps,
 * refused with the model-validation wording (InvalidParameterException). Sensitive members (passwords, codes,
 * answers, tokens) are never quoted in a message.
 */
import { CognitoError, validationError } from './errors.ts';

export type Input = Record<string, unknown>;

const camel = (member: string): string => member[0]!.toLowerCase() + member.slice(1);
/** Members whose value must not appear in an error message. */
const SENSITIVE = new Set(['Password', 'TemporaryPassword', 'ProposedPassword', 'ConfirmationCode', 'AccessToken', 'Session', 'SecretHash']);

/** A string member; undefined when absent and optional. */
export function stringMember(input: Input, member: string, options: { required: true; min?: number; max?: number }): string;
export function stringMember(input: Input, member: string, options?: { required?: false; min?: number; max?: number }): string | undefined;
export function stringMember(input: Input, member: string, options: { required?: boolean; min?: number; max?: number } = {}): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) {
    if (options.required) throw validationError(camel(member), null, 'Member must not be null');
    return undefined;
  }
  if (typeof value !== 'string') throw new CognitoError('SerializationException', `${member} must be a string`);
  const shown = SENSITIVE.has(member) ? '******' : value;
  const { min = options.required ? 1 : 0, max = Number.POSITIVE_INFINITY } = options;
  if (value.length < min) throw validationError(camel(member), shown, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw validationError(camel(member), shown, `Member must have length less than or equal to ${max}`);
  return value;
}

/** A map of strings (AuthParameters, ChallengeResponses, ClientMetadata); {} when absent. */
export function stringMapMember(input: Input, member: string): Record<string, string> {
  const value = input[member];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new CognitoError('SerializationException', `${member} must be a map`);
  const map: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw new CognitoError('SerializationException', `${member}.${key} must be a string`);
    map[key] = item;
  }
  return map;
}

/** An AttributeType list (`[{ Name, Value }]`) as a record; {} when absent. */
export function attributeListMember(input: Input, member: string): Record<string, string> {
  const value = input[member];
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value)) throw new CognitoError('SerializationException', `${member} must be a list`);
  const attributes: Record<string, string> = {};
  for (const item of value as unknown[]) {
    const { Name, Value } = (item ?? {}) as { Name?: unknown; Value?: unknown };
    if (typeof Name !== 'string' || Name === '') throw validationError(`${camel(member)}.member.name`, null, 'Member must not be null');
    if (Value !== undefined && Value !== null && typeof Value !== 'string') throw new CognitoError('SerializationException', `${member}.Value must be a string`);
    attributes[Name] = typeof Value === 'string' ? Value : '';
  }
  return attributes;
}

/** A boolean member. */
export function booleanMember(input: Input, member: string): boolean | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new CognitoError('SerializationException', `${member} must be a boolean`);
  return value;
}

/** An enum member, checked against the model's values. */
export function enumMember<T extends string>(input: Input, member: string, values: readonly T[], required: true): T;
export function enumMember<T extends string>(input: Input, member: string, values: readonly T[], required?: false): T | undefined;
export function enumMember<T extends string>(input: Input, member: string, values: readonly T[], required = false): T | undefined {
  const value = required ? stringMember(input, member, { required: true }) : stringMember(input, member);
  if (value !== undefined && !(values as readonly string[]).includes(value)) {
    throw validationError(camel(member), value, `Member must satisfy enum value set: [${values.join(', ')}]`);
  }
  return value as T | undefined;
}
