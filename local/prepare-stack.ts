/**
 * Does ahead of time the work a first start spends most of its time on, into the caches a start reuses: the app's
 * synth (into the state folder, as `start` would write it, so a start with unchanged sources reuses it), the APPSYNC_JS
 * check of every API's code (the lint and compile caches), and DynamoDB Local's class archive (a JVM of its own,
 * trained with a stack's requests). Nothing listens. `appsync-local prepare` runs it; a project's `prepare` script
 * can, so that `npm ci` leaves a fresh clone's first `npm start` as quick as a restart.
 */
import { mkdirSync } from 'node:fs';
import { localIdentity } from './local-identity.ts';
import { writeClassArchive, type ClassArchiveTraining } from './services/dynamodb-local-archive-training.ts';
import type { StackSource } from './stack-source.ts';
import { durationRecorder } from './util/timed.ts';

export interface PrepareOptions extends StackSource {
  /** The state folder `start` will use (e.g. `.local`): the synth goes there. */
  stateDir: string;
}

export interface PreparedStack {
  /** The APIs whose code was checked, by name. */
  apis: string[];
  /** What became of the class archive (`not-written` also when writing it failed). */
  classArchive: ClassArchiveTraining;
  /** How long each part took, in ms (`synth`, `code check`, `class archive`: the archive runs beside the other two). */
  timings: Record<string, number>;
}

/**
 * Prepares the stack's first start. @throws Error as `start` would: the synth failed, the stack has no API, or its
 * code does not pass the APPSYNC_JS check (the message lists every violation).
 */
export async function prepareLocalStack(options: PrepareOptions): Promise<PreparedStack> {
  const timings: Record<string, number> = {};
  const timed = durationRecorder(timings);
  // The JVM first: its start and its dump at exit are the longest part, and it runs in a process of its own. Without
  // the archive a JVM starts as before, so a failure to write it fails nothing.
  const archive = timed('class archive', writeClassArchive()).catch((): ClassArchiveTraining => 'not-written');
  try {
    mkdirSync(options.stateDir, { recursive: true });
    const { assertServesApi, prepareStack, resolveSource } = await import('./stack-source.ts');
    const synthesizing = timed('synth', prepareStack(resolveSource(options, options.stateDir)));
    synthesizing.catch(() => {});
    // The linter loads while the synth runs, as in a start. It blocks this thread for about a second: the synth's
    // process is spawned by now, and the archive's JVM (spawned once a free port is found) normally is too.
    const { preloadLinter } = await import('./appsync/code-check/lint-code.ts');
    preloadLinter();
    const readStack = await synthesizing;
    const { checkApiCode } = await import('./appsync/code-check/check-api-code.ts');
    const { region, accountId } = localIdentity();
    const stack = readStack({ region, accountId });
    assertServesApi(stack);
    const { apis } = stack;
    await timed('code check', Promise.resolve().then(() => apis.forEach(checkApiCode)));
    return { apis: apis.map((api) => api.name), classArchive: await archive, timings };
  } finally {
    // A JVM still writing the archive would outlive a failed prepare's process otherwise.
    await archive;
  }
}
