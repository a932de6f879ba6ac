/**
 * Cognito's errors as its JSON 1.1 protocol sends them: HTTP 400 (500 for internal failures) and a body
 * `{ "__type": <name>, "message": <text> }`; AWS's clients turn `__type` into the error's `code`/`name`
 * (`NotAuthorizedException`…). Messages are Cognito's where known (README lists which are ours).
 */

/** An error the local Cognito answers with. Messages never contain passwords, codes, tokens or secrets. */
export class CognitoError extends Error {
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
export function errorBody(error: CognitoError): string {
  return JSON.stringify({ __type: error.type, message: error.message });
}

/** Cognito's answer to a wrong password, an unknown user when existence errors are prevented, a failed custom flow. */
export const incorrectCredentials = (): CognitoError => new CognitoError('NotAuthorizedException', 'Incorrect username or password.');

export const userNotFound = (): CognitoError => new CognitoError('UserNotFoundException', 'User does not exist.');

export const invalidParameter = (message: string): CognitoError => new CognitoError('InvalidParameterException', message);

/**
 * `1 validation error detected: Value … at '<member>' failed to satisfy constraint: …`, the front end's model
 * validation wording (member names in camelCase); Cognito answers it as InvalidParameterException.
 */
export function validationError(member: string, value: unknown, constraint: string): CognitoError {
  const shown = value === null || value === undefined ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return invalidParameter(`1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
}
