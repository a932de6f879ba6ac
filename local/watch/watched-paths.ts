/** Which file changes under the repository root mean the stack must be re-synthesized (pure). */

/** Folders whose changes re-synthesize the stack, relative to the repository root. */
export const WATCHED_FOLDERS = ['resolvers', 'functions', 'infra'] as const;
/** Single files at the root whose changes re-synthesize the stack. */
export const WATCHED_FILES = ['schema.graphql'] as const;

/** Path segments that are build output, dependencies or state, never sources. */
const IGNORED_SEGMENTS = new Set(['node_modules', 'dist', 'cdk.out', '.local', '.git', 'test-artifacts']);

/**
 * True when a change to `relativePath` (POSIX or Windows separators, relative to the repository root) should
 * re-synthesize: a source under a watched folder or a watched root file. Tests and editor temporaries
 * (`*.swp`, `*~`, `.#lock`, dotfiles) do not change what is deployed, so they are ignored.
 *
 * @example isStackSource('resolvers/Mutation.generateOtp.ts') // true
 * @example isStackSource('resolvers/lib/hex.test.ts') // false
 */
export function isStackSource(relativePath: string): boolean {
  const segments = relativePath.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');
  const [first] = segments;
  const name = segments.at(-1);
  if (!first || !name) return false;
  if (segments.length === 1) return (WATCHED_FILES as readonly string[]).includes(first);
  if (!(WATCHED_FOLDERS as readonly string[]).includes(first)) return false;
  if (segments.some((segment) => IGNORED_SEGMENTS.has(segment))) return false;
  if (name.startsWith('.') || name.endsWith('~') || name.endsWith('.swp') || name.endsWith('.swx')) return false;
  return !/\.test\.[cm]?[jt]sx?$/.test(name);
}
