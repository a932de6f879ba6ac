/**
 * The app's pages and their addresses: `#/` (verify an email), `#/sign-in` and `#/sign-in-mfa`. A hash, not a path,
 * so any static host serves every page from index.html with no rewrite rule, and no router package is needed.
 */
import type { SignInFlow } from '../../../infra/model/index.ts';

export type AppPage = 'verify' | 'signIn' | 'mfa';

/** Each page's `location.hash`. */
export const PAGE_HASHES: Readonly<Record<AppPage, string>> = { verify: '#/', signIn: '#/sign-in', mfa: '#/sign-in-mfa' };

/** The order of the navigation. */
export const PAGES: readonly AppPage[] = ['verify', 'signIn', 'mfa'];

/** The sign-in page each flow can use: the code alone (`signIn`) or the password, then the code (`mfa`). */
const SIGN_IN_PAGES: Readonly<Record<SignInFlow, readonly AppPage[]>> = { passwordless: ['signIn'], mfa: ['mfa'], either: ['signIn', 'mfa'] };

/**
 * The pages the app offers, in navigation order: the verify page, and the sign-in pages the pool's flow allows (none
 * without a user pool). A page for a flow the pool refuses would only ever fail.
 *
 * @example availablePages('mfa') // ['verify', 'mfa']
 */
export function availablePages(flow: SignInFlow | null): readonly AppPage[] {
  const signIn = flow === null ? [] : SIGN_IN_PAGES[flow];
  return PAGES.filter((page) => page === 'verify' || signIn.includes(page));
}

/**
 * The page for a `location.hash`: an unknown hash, or a page the app does not offer, is the verify page.
 *
 * @example pageFromHash('#/sign-in', availablePages('either')) // 'signIn'
 */
export function pageFromHash(hash: string, available: readonly AppPage[]): AppPage {
  const page = available.find((candidate) => PAGE_HASHES[candidate] === hash);
  return page ?? 'verify';
}
