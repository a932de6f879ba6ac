import { crc32, inflateRawSync } from 'node:zlib';

/**
 * DynamoDB Local's jar, rewritten so that its JVM can use an AppCDS archive. Its manifest's `Class-Path` starts with
 * `.`, the jar's own folder, and the JVM refuses class-data sharing with a non-empty folder on the class path ("Cannot
 * have non-empty directory in paths"). The copy's manifest has no `Class-Path`; the launch names the class path itself
 * ({@link launcherClassPath}). Pure: bytes in, bytes out.
 */

const MANIFEST = 'META-INF/MANIFEST.MF';
const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** General purpose flag bit 3: sizes and CRC follow the data in a descriptor. */
const DATA_DESCRIPTOR_FLAG = 0x0008;

export interface LauncherJar {
  /** The jar's bytes: every entry's record copied as it is, the manifest without `Class-Path`. */
  bytes: Buffer;
  /** The manifest's `Main-Class` (read, not assumed: a release may move it). */
  mainClass: string;
  /** The original `Class-Path` entries, relative to the jar's folder. */
  classPath: string[];
}

/** The main section's attributes of a JAR manifest; a continuation line starts with one space. */
export function manifestMainAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') break;
    if (line.startsWith(' ') && last !== undefined) {
      attributes.set(last, attributes.get(last) + line.slice(1));
      continue;
    }
    const colon = line.indexOf(': ');
    if (colon <= 0) throw new Error(`Malformed manifest line: ${line}`);
    // Attribute names are case-insensitive (JAR specification): keyed in lower case.
    last = line.slice(0, colon).toLowerCase();
    attributes.set(last, line.slice(colon + 2));
  }
  return attributes;
}

/** The manifest with the main section's `Class-Path` (and its continuation lines) left out; every other line kept. */
export function manifestWithoutClassPath(text: string): string {
  const kept: string[] = [];
  let inMain = true;
  let skipping = false;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') inMain = false;
    if (inMain && line.startsWith(' ') && skipping) continue;
    skipping = inMain && line.toLowerCase().startsWith('class-path:');
    if (!skipping) kept.push(line);
  }
  return kept.join('\r\n');
}

interface CentralEntry {
  name: string;
  /** Where its central directory header starts and ends. */
  headerStart: number;
  headerEnd: number;
  localOffset: number;
}

/** The jar with its manifest replaced by `rewrite(manifest)`; the other entries' records are copied byte for byte. */
export function rewriteLauncherJar(jar: Buffer): LauncherJar {
  const end = findEndOfCentralDirectory(jar);
  const entryCount = jar.readUInt16LE(end + 10);
  const directorySize = jar.readUInt32LE(end + 12);
  const directoryOffset = jar.readUInt32LE(end + 16);
  if (entryCount === 0xffff || directoryOffset === 0xffffffff || jar.readUInt16LE(end + 4) !== 0) {
    throw new Error('Zip64 and multi-disk jars are not supported');
  }
  const entries: CentralEntry[] = [];
  let at = directoryOffset;
  for (let index = 0; index < entryCount; index++) {
    if (jar.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`No central directory header at ${at}`);
    const nameLength = jar.readUInt16LE(at + 28);
    const headerEnd = at + 46 + nameLength + jar.readUInt16LE(at + 30) + jar.readUInt16LE(at + 32);
    entries.push({ name: jar.toString('utf8', at + 46, at + 46 + nameLength), headerStart: at, headerEnd, localOffset: jar.readUInt32LE(at + 42) });
    at = headerEnd;
  }
  if (at !== directoryOffset + directorySize) throw new Error('The central directory does not end where its size says');
  const manifestEntry = entries.find((entry) => entry.name === MANIFEST);
  if (!manifestEntry) throw new Error(`The jar has no ${MANIFEST}`);
  if (entries.some((entry) => /^META-INF\/[^/]+\.(SF|RSA|DSA|EC)$/i.test(entry.name))) {
    throw new Error('The jar is signed: a rewritten manifest would break its signature');
  }

  // A record runs from its local header to the next record (or the central directory): data descriptors included.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  const recordEnd = new Map(byOffset.map((entry, index) => [entry, byOffset[index + 1]?.localOffset ?? directoryOffset]));

  const manifestText = readManifest(jar, manifestEntry).toString('utf8');
  const attributes = manifestMainAttributes(manifestText);
  const mainClass = attributes.get('main-class')?.trim();
  if (!mainClass) throw new Error(`${MANIFEST} names no Main-Class`);
  const classPath = (attributes.get('class-path') ?? '').split(' ').filter(Boolean);
  const manifest = Buffer.from(manifestWithoutClassPath(manifestText), 'utf8');
  const manifestCrc = crc32(manifest);

  const parts: Buffer[] = [];
  let written = 0;
  const newOffset = new Map<CentralEntry, number>();
  for (const entry of byOffset) {
    newOffset.set(entry, written);
    const record =
      entry === manifestEntry
        ? storedRecord(jar, entry, manifest, manifestCrc)
        : jar.subarray(entry.localOffset, recordEnd.get(entry));
    parts.push(record);
    written += record.length;
  }
  const newDirectoryOffset = written;
  for (const entry of entries) {
    const header = Buffer.from(jar.subarray(entry.headerStart, entry.headerEnd));
    if (entry === manifestEntry) {
      header.writeUInt16LE(header.readUInt16LE(8) & ~DATA_DESCRIPTOR_FLAG, 8);
      header.writeUInt16LE(0, 10); // stored
      header.writeUInt32LE(manifestCrc, 16);
      header.writeUInt32LE(manifest.length, 20);
      header.writeUInt32LE(manifest.length, 24);
    }
    header.writeUInt32LE(newOffset.get(entry)!, 42);
    parts.push(header);
    written += header.length;
  }
  const trailer = Buffer.from(jar.subarray(end));
  trailer.writeUInt32LE(written - newDirectoryOffset, 12);
  trailer.writeUInt32LE(newDirectoryOffset, 16);
  parts.push(trailer);
  return { bytes: Buffer.concat(parts), mainClass, classPath };
}

function findEndOfCentralDirectory(jar: Buffer): number {
  // 22 bytes, followed by a comment of up to 65,535 bytes.
  for (let at = jar.length - 22; at >= Math.max(0, jar.length - 22 - 0xffff); at--) {
    if (jar.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new Error('Not a zip file: no end of central directory record');
}

function readManifest(jar: Buffer, entry: CentralEntry): Buffer {
  const central = entry.headerStart;
  const method = jar.readUInt16LE(central + 10);
  const size = jar.readUInt32LE(central + 20);
  const local = entry.localOffset;
  if (jar.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`No local header at ${local}`);
  const dataStart = local + 30 + jar.readUInt16LE(local + 26) + jar.readUInt16LE(local + 28);
  const data = jar.subarray(dataStart, dataStart + size);
  if (method === 0) return data;
  if (method === 8) return inflateRawSync(data);
  throw new Error(`${MANIFEST} uses compression method ${method}`);
}

/** A local header and the data of a stored (uncompressed) entry, with the original's name and time stamp. */
function storedRecord(jar: Buffer, entry: CentralEntry, data: Buffer, crc: number): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(20, 4); // version needed: 2.0
  header.writeUInt16LE(jar.readUInt16LE(entry.headerStart + 8) & ~DATA_DESCRIPTOR_FLAG, 6);
  header.writeUInt16LE(0, 8); // stored
  header.writeUInt16LE(jar.readUInt16LE(entry.headerStart + 12), 10); // time
  header.writeUInt16LE(jar.readUInt16LE(entry.headerStart + 14), 12); // date
  header.writeUInt32LE(crc, 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, name, data]);
}
