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
  /** Runs the request object a request handler returned. Throws a DataSourceFieldError (e.g. for malformed requests). */
  invoke(request: unknown): Promise<DataSourceResult>;
  /**
   * Set when the data source cannot run locally (a type the engine does not run, a Lambda function it cannot run):
   * every field that would call it answers this error before anything of its resolver runs.
   */
  readonly unsupported?: { errorType: string; message: string };
}

/**
 * A data-source failure that AppSync reports as the field's error (null value, one entry in `errors`), not as
 * ctx.error for the response handler.
 */
export class DataSourceFieldError extends Error {
  override readonly name: string = 'DataSourceFieldError';
  constructor(
    message: string,
    readonly errorType: string,
  ) {
    super(message);
  }
}

/**
 * A request object the data source cannot run (unknown operation, missing key…). AppSync reports these as a
 * field error of type MappingTemplate (see "Troubleshooting and common mistakes" in the AppSync guide), not as ctx.error.
 */
export class InvalidDataSourceRequestError extends DataSourceFieldError {
  override readonly name = 'InvalidDataSourceRequestError';
  constructor(message: string) {
    super(message, 'MappingTemplate');
  }
}
