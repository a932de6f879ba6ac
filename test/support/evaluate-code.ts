/** Resolver code evaluated through AppSync's EvaluateCode API on the shared local stack, with AWS's own SDK client. */
import { AppSyncClient, EvaluateCodeCommand } from '@aws-sdk/client-appsync';
import { bundleResolver, resolversDir } from '../../resolvers/build.ts';
import type { OtpEndpoints } from './otp-stack.ts';

export interface Evaluated {
  result: unknown;
  error?: string;
  stash: Record<string, unknown>;
}

/** The bundle of a resolver file, by its path under resolvers/ (e.g. `Mutation.verifyOtp/resolver.ts`). */
export function resolverCode(path: string): string {
  return bundleResolver(`${resolversDir}/${path}`);
}

/** An evaluator on the engine at `endpoints`; `destroy` when done. */
export function codeEvaluator(endpoints: OtpEndpoints) {
  const client = new AppSyncClient({ endpoint: new URL(endpoints.graphqlUrl).origin, region: endpoints.region, credentials: { ...endpoints.iam } });
  return {
    async evaluate(code: string, fn: 'request' | 'response', context: Record<string, unknown>): Promise<Evaluated> {
      const output = await client.send(
        new EvaluateCodeCommand({ runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' }, code, context: JSON.stringify(context), function: fn }),
      );
      return {
        result: output.evaluationResult === undefined ? undefined : JSON.parse(output.evaluationResult),
        error: output.error?.message,
        stash: JSON.parse(output.stash ?? '{}') as Record<string, unknown>,
      };
    },
    destroy: () => client.destroy(),
  };
}
