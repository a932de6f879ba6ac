/**
 * The execution rules that differ between VTL template versions (resolver-mapping-template-changelog). A unit
 * resolver's version is the `version` its request template renders; functions are always 2018-05-29.
 * - 2018-05-29: the response template always runs, with `$ctx.error` set on a data-source failure; raising it is up
 *   to the template (`$util.error($ctx.error.message, $ctx.error.type)`).
 * - 2017-02-28: a data-source failure is the field's error without the response template (decided, as the
 *   changelog's "errors are added automatically" and Amplify's simulator do), and a null result skips the response
 *   template (the field is null).
 */
import type { DataSourceResult } from '../data-sources/types.ts';

/** What a 2017-02-28 resolver answers without its response template, if anything. */
export type LegacyOutcome = { value: null } | { error: { message: string; type: string } };

/** The `version` field of a rendered request, if it has one. */
function templateVersion(request: unknown): string | undefined {
  if (request === null || typeof request !== 'object') return undefined;
  const version = (request as { version?: unknown }).version;
  return typeof version === 'string' ? version : undefined;
}

/** For a 2017-02-28 request: the field's outcome when the response template is skipped; otherwise undefined. */
export function legacyOutcome(request: unknown, answer: DataSourceResult): LegacyOutcome | undefined {
  if (templateVersion(request) !== '2017-02-28') return undefined;
  if (answer.error) return { error: answer.error };
  if (answer.result === null || answer.result === undefined) return { value: null };
  return undefined;
}
