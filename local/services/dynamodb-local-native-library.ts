import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The release folder's copy of sqlite4java's native library, by Node's platform and architecture. */
const NATIVE_LIBRARY_FILES: Readonly<Record<string, string>> = {
  'linux-x64': 'libsqlite4java-linux-amd64.so',
  'linux-arm64': 'libsqlite4java-linux-aarch64.so',
  'linux-ia32': 'libsqlite4java-linux-i386.so',
  'darwin-arm64': 'libsqlite4java-osx-aarch64.dylib',
  'darwin-x64': 'libsqlite4java-osx-x86_64.dylib',
  'win32-x64': 'sqlite4java-win32-x64.dll',
  'win32-ia32': 'sqlite4java-win32-x86.dll',
};

/**
 * The JVM flags that let DynamoDB Local load SQLite's native library from its release folder (`DynamoDBLocal_lib`).
 *
 * Without `org.sqlite.lib.path`, DynamoDB Local's first request copies the library embedded in its jar (900 kB) to a
 * new file in the temporary folder, reads both back a byte at a time to compare them, and loads the copy: 50–80 ms
 * of a cold JVM's first answer, on every start (measured: 200 → 150 ms to the first CreateTable after ready). The
 * release folder holds byte-identical copies of the embedded libraries (checked for each platform of release
 * 2026-01-16). Where this platform has no copy there, the flags are left out and the JVM extracts as before.
 */
export function nativeLibraryFlags(libDir: string, platform: string = process.platform, arch: string = process.arch): string[] {
  const flags = [`-Djava.library.path=${libDir}`];
  const file = NATIVE_LIBRARY_FILES[`${platform}-${arch}`];
  if (file && existsSync(join(libDir, file))) flags.push(`-Dorg.sqlite.lib.path=${libDir}`, `-Dorg.sqlite.lib.name=${file}`);
  return flags;
}
