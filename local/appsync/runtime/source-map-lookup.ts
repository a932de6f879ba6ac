/**
 * Maps a position in esbuild's CommonJS output back to the APPSYNC_JS source, so runtime errors report the line and
 * column of the code the author wrote (AppSync reports `code.js:<line>:<column>`). A few lines of VLQ decoding instead
 * of a source-map dependency.
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One decoded mapping segment: generated column → original line/column (all 0-based). */
interface Segment {
  generatedColumn: number;
  originalLine: number;
  originalColumn: number;
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** Decodes the `mappings` field of a source map (version 3, single source) into segments per generated line. */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let originalLine = 0;
  let originalColumn = 0;
  for (const lineText of mappings.split(';')) {
    const segments: Segment[] = [];
    let generatedColumn = 0;
    for (const segmentText of lineText.split(',')) {
      if (!segmentText) continue;
      const fields = decodeVlq(segmentText);
      generatedColumn += fields[0] ?? 0;
      if (fields.length >= 4) {
        originalLine += fields[2] ?? 0;
        originalColumn += fields[3] ?? 0;
        segments.push({ generatedColumn, originalLine, originalColumn });
      }
    }
    lines.push(segments);
  }
  return lines;
}

/** Original 1-based line and column for a 1-based generated position, or null when unmapped. */
export function originalPosition(
  lines: Segment[][],
  line: number,
  column: number,
): { line: number; column: number } | null {
  const segments = lines[line - 1];
  if (!segments || segments.length === 0) return null;
  let best: Segment | undefined;
  for (const segment of segments) {
    if (segment.generatedColumn <= column - 1) best = segment;
    else break;
  }
  best ??= segments[0];
  if (!best) return null;
  return { line: best.originalLine + 1, column: best.originalColumn + 1 };
}
