/** A data source the local engine loads but cannot run: fields that use it answer its `unsupported` error. */
import type { UnsupportedFeature } from '../../stack-description.ts';
import { DataSourceFieldError, type DataSource, type DataSourceResult } from './types.ts';

/**
 * Creates the stand-in for a data source that cannot run locally. The engine checks `unsupported` before a field
 * runs (execute/run-resolver.ts); `invoke` fails the same way for any caller that does not.
 */
export function createUnsupportedDataSource(unsupported: UnsupportedFeature): DataSource {
  return {
    unsupported,
    invoke: (): Promise<DataSourceResult> => Promise.reject(new DataSourceFieldError(unsupported.message, unsupported.errorType)),
  };
}
