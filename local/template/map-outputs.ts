import { evaluate } from './intrinsics.ts';
import type { StackScope } from './stack-scope.ts';
import type { CfnTemplate } from './template-types.ts';

/**
 * The template's Outputs with their local values, by output name: what `cdk deploy --outputs-file` would write, but
 * for the local stack (a Function URL's output is its local URL). Best effort, since outputs are for people and
 * tools, not for running the stack: an output whose Condition fails, or whose value cannot be evaluated locally (an
 * attribute of a resource that does not run here), is left out; lists are joined with commas, as CloudFormation
 * requires outputs to be strings.
 *
 * @example toOutputs({ Outputs: { JwksUrl: { Value: { 'Fn::GetAtt': ['Url', 'FunctionUrl'] } } } }, scope) // { JwksUrl: 'http://127.0.0.1:…/' }
 */
export function toOutputs(template: CfnTemplate, scope: StackScope): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    const { Value, Condition } = (output ?? {}) as { Value?: unknown; Condition?: unknown };
    const value = leniently(() => (Condition === undefined || evaluate({ Condition }, scope) === true ? evaluate(Value, scope) : undefined));
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') outputs[name] = String(value);
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) outputs[name] = value.join(',');
  }
  return outputs;
}

function leniently<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
