/** Types of compiled-package.mjs (plain JavaScript: it runs before any TypeScript loader). */
export function withSourceLocation(code: string, path: string): string;
export function compiledPackage(options?: { packageDir?: string; root?: string }): Promise<{ dir: string; cli: string; index: string } | undefined>;
