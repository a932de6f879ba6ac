import { describe, expect, it } from 'vitest';
import { toAppSyncSyntaxMessage, toAppSyncValidationMessage, toAppSyncVariableMessage } from './validation-messages.ts';

describe('AppSync wording of request errors', () => {
  it('rewrites an undefined field like AppSync (graphql-java)', () => {
    expect(toAppSyncValidationMessage('Cannot query field "syncNotes" on type "Query".', 'syncNotes')).toBe(
      "Validation error of type FieldUndefined: Field 'syncNotes' in type 'Query' is undefined @ 'syncNotes'",
    );
  });

  it('rewrites a missing argument', () => {
    expect(
      toAppSyncValidationMessage('Field "getItem" argument "pk" of type "ID!" is required, but it was not provided.', 'getItem'),
    ).toBe("Validation error of type MissingFieldArgument: Missing field argument pk @ 'getItem'");
  });

  it('keeps unknown validation messages behind the AppSync prefix', () => {
    expect(toAppSyncValidationMessage('Something new.', null)).toBe('Validation error of type ValidationError: Something new.');
  });

  it('rewrites variable coercion failures', () => {
    expect(toAppSyncVariableMessage('Variable "$email" got invalid value "nope"; Unable to parse `nope` as a valid email address.')).toBe(
      "Variable 'email' has an invalid value. Unable to parse `nope` as a valid email address.",
    );
    expect(toAppSyncVariableMessage('Variable "$email" of required type "AWSEmail!" was not provided.')).toBe(
      "Variable 'email' has coerced Null value for NonNull type 'AWSEmail!'",
    );
  });

  it('prefixes syntax errors', () => {
    expect(toAppSyncSyntaxMessage('Syntax Error: Expected Name, found "}".')).toBe('Invalid Syntax : Expected Name, found "}".');
  });
});
