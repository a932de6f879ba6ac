/** The one interface every data-source loader implements (Amplify simulator style: one loader per type). */

/** ctx.error as AppSync sets it after a data-source failure. */
export interface DataSourceError {
  type: string;
  message: string;
}

/** What a data source answered: ctx.result for the response handler, and ctx.error when it failed. */
export interface DataSourceResult {
  result: unknown;
  error?: DataSourceError;
}

/** A data source as the executor sees it. */
export interface DataSource {
  /** Runs the request object a request handler returned. Throws InvalidDataSourceRequestError for malformed requests. */
  invoke(request: unknown): Promise<DataSourceResult>;
}

/**
 * A request object the data source cannot run (unknown operation, missing key…). AppSync reports these as a
 * field error of type MappingTemplate (see "Troubleshooting and common mistakes" in the AppSync guide), not as ctx.error.
 */
export class InvalidDataSourceRequestError extends Error {
  override readonly name = 'InvalidDataSourceRequestError';
}
