/** Which file changes under the app's folder mean the stack must be rebuilt (pure). */

/** Path segments that are build output, dependencies or state, never sources. */
const IGNORED_SEGMENTS = new Set(['node_modules', 'dist', 'cdk.out', '.local', '.git', 'test-artifacts', 'generated']);

function segmentsOf(path: string): string[] {
  return path.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');
}

/**
 * True when a change to `relativePath` (POSIX or Windows separators, relative to the app's folder) should rebuild
 * the stack: a file among `sources` or under a source folder. Tests and editor temporaries (`*.swp`, `*~`,
 * `.#lock`, dotfiles) do not change what is deployed, so they are ignored.
 *
 * @example isStackSource('resolvers/Mutation.generateOtp.ts', ['resolvers', 'schema.graphql']) // true
 * @example isStackSource('resolvers/lib/hex.test.ts', ['resolvers']) // false
 */
export function isStackSource(relativePath: string, sources: readonly string[]): boolean {
  const segments = segmentsOf(relativePath);
  const name = segments.at(-1);
  if (!name) return false;
  const underSource = sources.some((source) => {
    const prefix = segmentsOf(source);
    return prefix.length > 0 && prefix.length <= segments.length && prefix.every((segment, index) => segments[index] === segment);
  });
  if (!underSource) return false;
  if (segments.some((segment) => IGNORED_SEGMENTS.has(segment))) return false;
  if (name.startsWith('.') || name.endsWith('~') || name.endsWith('.swp') || name.endsWith('.swx')) return false;
  return !/\.test\.[cm]?[jt]sx?$/.test(name);
}
