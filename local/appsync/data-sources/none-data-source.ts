/** AppSync's NONE data source: the request's `payload` comes back as the result (no call is made). */
import type { DataSource, DataSourceResult } from './types.ts';

/** Creates a NONE data source. */
export function createNoneDataSource(): DataSource {
  return {
    invoke: (request: unknown): Promise<DataSourceResult> => {
      const payload = request !== null && typeof request === 'object' ? (request as { payload?: unknown }).payload : undefined;
      return Promise.resolve({ result: payload ?? null });
    },
  };
}
