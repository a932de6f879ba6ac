/**
 * The figures of the previous BENCHMARKS.md that a new one shows beside its own (issue 17: each figure next to its
 * target and the previous one): the GraphQL/direct ratios, generateOtp's p99 at 32 clients, the email latency and
 * the engine's CPU per request. Read from the Markdown before a run overwrites it; a figure it does not hold (an
 * older layout, a quick run) is simply absent. The test-suite section has its own reader (test-suite-report.ts).
 */

export interface PreviousFigures {
  /** GraphQL/direct by `${operation} × ${clients}`. */
  ratios: Record<string, number>;
  /** generateOtp's p99 at 32 clients, ms, through GraphQL and direct. */
  generateP99?: { graphql: number; direct: number };
  /** Email latency, ms. */
  email?: { p50: number; p99: number };
  /** The engine's CPU per request, ms, by row name. */
  engineCpu: Record<string, number>;
}

export const THROUGHPUT_SECTION = '## Throughput and latency';
export const EMAIL_SECTION = '## Email latency';
export const ENGINE_SECTION = '## The engine alone';

/** The key of a throughput row's ratio. */
export const ratioKey = (operation: string, clients: number) => `${operation} × ${clients}`;

/** A section's table rows as trimmed cells (the empty text before the first bar dropped), from its heading to the next. */
export function sectionRows(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(heading);
  if (start < 0) return [];
  const end = markdown.indexOf('\n## ', start + heading.length);
  return markdown
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
}

const millis = (cell: string | undefined) => {
  const value = /^([\d.]+) ms$/.exec(cell ?? '')?.[1];
  return value === undefined ? undefined : Number(value);
};

export function previousFigures(markdown: string): PreviousFigures {
  const ratios: Record<string, number> = {};
  // | operation | clients | … 13 more … | GraphQL/direct | target | (a previous column may follow)
  for (const cells of sectionRows(markdown, THROUGHPUT_SECTION)) {
    const clients = Number(cells[1]);
    const ratio = Number(cells[13]);
    if (cells[0] && Number.isInteger(clients) && clients > 0 && cells[14]?.startsWith('≥') && !Number.isNaN(ratio)) ratios[ratioKey(cells[0], clients)] = ratio;
  }
  const tail = /generateOtp's p99 at 32 clients: ([\d.]+) ms against ([\d.]+) ms direct/.exec(markdown);
  const generateP99 = tail ? { graphql: Number(tail[1]), direct: Number(tail[2]) } : undefined;
  // | sessions | p50 | p95 | p99 | …
  const emailRow = sectionRows(markdown, EMAIL_SECTION).find((cells) => /^\d+$/.test(cells[0] ?? ''));
  const [p50, p99] = [millis(emailRow?.[1]), millis(emailRow?.[3])];
  const email = p50 !== undefined && p99 !== undefined ? { p50, p99 } : undefined;
  const engineCpu: Record<string, number> = {};
  // | engine CPU per request, … | 1.5 ms | …
  for (const cells of sectionRows(markdown, ENGINE_SECTION)) {
    const value = millis(cells[1]);
    if (cells[0]?.startsWith('engine CPU per request') && value !== undefined) engineCpu[cells[0]] = value;
  }
  return { ratios, ...(generateP99 ? { generateP99 } : {}), ...(email ? { email } : {}), engineCpu };
}
