/**
 * Finds the AWS::Lambda::Function of a template that a value names, the ways AWS accepts a function: its name, its
 * ARN, or its ARN with a version or alias qualifier (`…:function:name:live`), which {@link StackScope.identify} alone
 * would not match.
 */
import { evaluate } from './intrinsics.ts';
import type { StackScope } from './stack-scope.ts';

/** A function reference, resolved. */
export interface FunctionReference {
  /** The value as the template resolves it (name or ARN), for messages. */
  text: string;
  /** The function's name: the ARN's function part, or the value itself. */
  name: string;
  /** The function's logical id, when the template has it. */
  logicalId?: string;
}

/** Resolves `value` (intrinsics allowed); undefined when it does not evaluate to a string. */
export function resolveFunctionReference(value: unknown, scope: StackScope): FunctionReference | undefined {
  const text = evaluate(value, scope);
  if (typeof text !== 'string') return undefined;
  // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]
  const parts = text.split(':');
  const name = text.startsWith('arn:') && parts[5] === 'function' && parts[6] ? parts[6] : text;
  const logicalId = scope.resources.find(
    (resource) => resource.Type === 'AWS::Lambda::Function' && scope.ref(resource.logicalId) === name,
  )?.logicalId;
  return { text, name, ...(logicalId ? { logicalId } : {}) };
}
