/**
 * SNS's errors as its query protocol sends them: an HTTP status and an XML body
 * `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>…</Code>
 * <Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>`. AWS's clients turn `Code` into the exception
 * class through the model's query error names (`InvalidParameter` → `InvalidParameterException`,
 * `ParameterValueInvalid` → `InvalidParameterValueException`, `NotFound` → `NotFoundException`); codes the model does
 * not name (the front end's `SignatureDoesNotMatch`, `InvalidAction`…) reach callers as an `SNSServiceException` of
 * that name.
 */
import { escapeXml, SNS_XMLNS } from './xml.ts';

/** An error the local SNS answers with. Messages never contain a secret or a request body. */
export class SnsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = code;
  }

  /** `Sender` for the caller's faults (4xx), `Receiver` for the service's own (5xx), as SNS marks them. */
  get type(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** The XML body of an error answer. */
export function errorXml(error: SnsError, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${SNS_XMLNS}"><Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`
  );
}

/** `InvalidParameter` (HTTP 400): the code SNS gives most refusals of a request's values, `Invalid parameter: …`. */
export function invalidParameter(message: string): SnsError {
  return new SnsError('InvalidParameter', message);
}

/** `ParameterValueInvalid` (HTTP 400, the SDK's `InvalidParameterValueException`): SNS's code for message attributes. */
export function invalidParameterValue(message: string): SnsError {
  return new SnsError('ParameterValueInvalid', message);
}
