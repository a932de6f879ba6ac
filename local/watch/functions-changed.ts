import type { StackDescription } from '../stack-description.ts';

/**
 * True when the Lambda side of the stack differs between two configurations: a function's code folder (CDK assets
 * are content-hashed, so new code means a new folder), handler, runtime, environment or limits, or an event source
 * mapping. Then the function runners and stream pollers must be restarted; otherwise they keep running.
 */
export function functionsChanged(before: StackDescription, after: StackDescription): boolean {
  const lambdaSide = (config: StackDescription) =>
    JSON.stringify({
      functions: [...config.functions].sort((a, b) => a.logicalId.localeCompare(b.logicalId)),
      mappings: [...config.eventSourceMappings].sort((a, b) => a.logicalId.localeCompare(b.logicalId)),
    });
  return lambdaSide(before) !== lambdaSide(after);
}
