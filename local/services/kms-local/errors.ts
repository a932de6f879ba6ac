/**
 * KMS's errors as its JSON 1.1 protocol sends them: HTTP status and a body `{ "__type": <name>, "message": <text> }`
 * (AWS's clients turn `__type` into the exception class, e.g. `KMSInvalidMacException`). Every client error of KMS
 * is HTTP 400, also the signature and credential errors of the AWS front end; only internal failures are 500.
 */

/** An error the local KMS answers with. Messages never contain key material or request bodies. */
export class KmsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = type;
  }
}

/** The JSON body of an error answer. */
export function errorBody(error: KmsError): string {
  return JSON.stringify({ __type: error.type, message: error.message });
}

/**
 * `1 validation error detected: Value … at '<member>' failed to satisfy constraint: …`, the wording of the AWS
 * front end's model validation (member names in camelCase, as it reports them).
 */
export function validationError(member: string, value: unknown, constraint: string): KmsError {
  const shown = value === null || value === undefined ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return new KmsError('ValidationException', `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
}
