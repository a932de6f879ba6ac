/**
 * Reading an operation's JSON input as KMS's front end does: required members, string lengths, enum values and
 * base64 blobs, each refused with the front end's ValidationException wording (member names in camelCase).
 */
import { KmsError, validationError } from './errors.ts';

export type Input = Record<string, unknown>;

const camel = (member: string): string => member[0]!.toLowerCase() + member.slice(1);

/** A string member; undefined when absent and optional. */
export function stringMember(input: Input, member: string, options: { required: true; min?: number; max?: number }): string;
export function stringMember(input: Input, member: string, options?: { required?: false; min?: number; max?: number }): string | undefined;
export function stringMember(input: Input, member: string, options: { required?: boolean; min?: number; max?: number } = {}): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) {
    if (options.required) throw validationError(camel(member), null, 'Member must not be null');
    return undefined;
  }
  if (typeof value !== 'string') throw new KmsError('SerializationException', `${member} must be a string`);
  const { min = 0, max = Number.POSITIVE_INFINITY } = options;
  if (value.length < min) throw validationError(camel(member), value, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw validationError(camel(member), value, `Member must have length less than or equal to ${max}`);
  return value;
}

/** An enum member, checked against KMS's model values. */
export function enumMember(input: Input, member: string, values: readonly string[], required: true): string;
export function enumMember(input: Input, member: string, values: readonly string[], required?: false): string | undefined;
export function enumMember(input: Input, member: string, values: readonly string[], required = false): string | undefined {
  const value = required ? stringMember(input, member, { required: true }) : stringMember(input, member);
  if (value !== undefined && !values.includes(value)) {
    throw validationError(camel(member), value, `Member must satisfy enum value set: [${values.join(', ')}]`);
  }
  return value;
}

/** An integer member within [min, max]. */
export function integerMember(input: Input, member: string, min: number, max: number): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new KmsError('SerializationException', `${member} must be an integer`);
  if (value < min) throw validationError(camel(member), value, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw validationError(camel(member), value, `Member must have value less than or equal to ${max}`);
  return value;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A required blob member (base64 in JSON), `min`…`max` bytes once decoded. The value is never quoted in errors. */
export function blobMember(input: Input, member: string, min: number, max: number): Buffer {
  const value = input[member];
  if (value === undefined || value === null) throw validationError(camel(member), null, 'Member must not be null');
  if (typeof value !== 'string' || !BASE64.test(value)) throw new KmsError('SerializationException', `${member} is not a base64-encoded blob`);
  const bytes = Buffer.from(value, 'base64');
  // KMS's messages quote a blob as `java.nio.HeapByteBuffer[…]`; ours say only that it was too long or short.
  if (bytes.length < min) throw validationError(camel(member), 'java.nio.HeapByteBuffer', `Member must have length greater than or equal to ${min}`);
  if (bytes.length > max) throw validationError(camel(member), 'java.nio.HeapByteBuffer', `Member must have length less than or equal to ${max}`);
  return bytes;
}
