/** Pages of SNS's list actions: opaque next-page tokens (the offset of the next page), 100 items a page. */
import { invalidParameter } from './errors.ts';

/** SNS lists up to 100 items a page (opted-out numbers, topics, subscriptions). */
export const PAGE_SIZE = 100;

/** The page of `items` a token asks for, and the token of the next page when there is one. */
export function page<T>(items: readonly T[], token: string | undefined, tokenName: string): { items: T[]; next?: string } {
  const start = pageStart(token, tokenName);
  const end = start + PAGE_SIZE;
  return { items: items.slice(start, end), ...(end < items.length ? { next: pageToken(end) } : {}) };
}

/** Opaque to callers, like SNS's. */
function pageToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function pageStart(token: string | undefined, tokenName: string): number {
  if (token === undefined) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw invalidParameter(`Invalid parameter: ${tokenName}`);
  return Number(match[1]);
}
