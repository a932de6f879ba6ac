/**
 * Rewrites graphql-js validation, variable and syntax messages in AppSync's (graphql-java's) wording, e.g.
 * "Validation error of type FieldUndefined: Field 'x' in type 'Query' is undefined @ 'x'" and
 * "Variable 'phone' has an invalid value. Unable to parse `…` as a valid phone number." — both seen in AppSync
 * responses. Messages without a known counterpart keep graphql-js's text behind the same prefix.
 */

type Rewrite = [RegExp, (match: RegExpExecArray, at: string) => string];

const VALIDATION_REWRITES: Rewrite[] = [
  [/^Cannot query field "(\w+)" on type "(\w+)"\./, (m, at) => `FieldUndefined: Field '${m[1]}' in type '${m[2]}' is undefined${at}`],
  [/^Unknown type "(\w+)"\./, (m) => `UnknownType: Unknown type ${m[1]}`],
  [
    /^Field "(\w+)" argument "(\w+)" of type "([^"]+)" is required, but it was not provided\./,
    (m, at) => `MissingFieldArgument: Missing field argument ${m[2]}${at}`,
  ],
  [/^Unknown argument "(\w+)" on field "([\w.]+)"\./, (m, at) => `UnknownArgument: Unknown field argument ${m[1]}${at}`],
  [
    /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields\./,
    (m, at) => `SubSelectionRequired: Sub selection required for type ${m[2]} of field ${m[1]}${at}`,
  ],
  [
    /^Field "(\w+)" must not have a selection since type "([^"]+)" has no subfields\./,
    (m, at) => `SubSelectionNotAllowed: Sub selection not allowed on leaf type ${m[2]} of field ${m[1]}${at}`,
  ],
  [
    /^Variable "\$(\w+)" of type "([^"]+)" used in position expecting type "([^"]+)"\./,
    (m, at) => `VariableTypeMismatch: Variable type '${m[2]}' doesn't match expected type '${m[3]}'${at}`,
  ],
  [/^Variable "\$(\w+)" is not defined/, (m, at) => `UndefinedVariable: Undefined variable ${m[1]}${at}`],
  [/^Variable "\$(\w+)" is never used/, (m) => `UnusedVariable: Unused variable ${m[1]}`],
  [/^Expected value of type "([^"]+)", found ([^;]+?)(?:; (.*))?$/s, (m, at) => `WrongType: argument value ${m[2]} is not a valid '${m[1]}'${m[3] ? ` (${m[3]})` : ''}${at}`],
  [/^Enum "(\w+)" cannot represent non-enum value: (.*)$/s, (m, at) => `WrongType: argument value ${m[2]} is not a valid '${m[1]}'${at}`],
  [/^Unknown directive "@(\w+)"\./, (m) => `UnknownDirective: Unknown directive ${m[1]}`],
];

/** A validation error's AppSync message; `fieldPath` is the slash-joined path of the offending field, if any. */
export function toAppSyncValidationMessage(message: string, fieldPath: string | null): string {
  const at = fieldPath ? ` @ '${fieldPath}'` : '';
  for (const [pattern, rewrite] of VALIDATION_REWRITES) {
    const match = pattern.exec(message);
    if (match) return `Validation error of type ${rewrite(match, at)}`;
  }
  return `Validation error of type ValidationError: ${message}${at}`;
}

/** A variable coercion error's AppSync message. */
export function toAppSyncVariableMessage(message: string): string {
  const missing = /^Variable "\$(\w+)" of (?:required|non-null) type "([^"]+)" (?:was not provided|must not be null)\.$/.exec(message);
  if (missing) return `Variable '${missing[1]}' has coerced Null value for NonNull type '${missing[2]}'`;
  const invalid = /^Variable "\$(\w+)" got invalid value (.*?); (.*)$/s.exec(message);
  if (invalid) return `Variable '${invalid[1]}' has an invalid value. ${invalid[3]}`;
  return message;
}

/** A syntax error's AppSync message (graphql-java's "Invalid Syntax" prefix). */
export function toAppSyncSyntaxMessage(message: string): string {
  return `Invalid Syntax : ${message.replace(/^Syntax Error: /, '')}`;
}
