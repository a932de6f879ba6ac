import { describe, expect, it } from 'vitest';
import { availablePages, pageFromHash, PAGE_HASHES, PAGES } from './pageRoute.ts';

describe('availablePages', () => {
  it('offers only the sign-in pages the pool\'s flow allows, after the verify page', () => {
    expect(availablePages('either')).toEqual(['verify', 'signIn', 'mfa']);
    expect(availablePages('mfa')).toEqual(['verify', 'mfa']);
    expect(availablePages('passwordless')).toEqual(['verify', 'signIn']);
    expect(availablePages(null)).toEqual(['verify']);
  });
});

describe('pageFromHash', () => {
  it('finds each page by its hash', () => {
    for (const page of PAGES) expect(pageFromHash(PAGE_HASHES[page], PAGES)).toBe(page);
  });

  it('falls back to the verify page for no hash and unknown hashes', () => {
    expect(pageFromHash('', PAGES)).toBe('verify');
    expect(pageFromHash('#/nope', PAGES)).toBe('verify');
    expect(pageFromHash('#/SIGN-IN', PAGES)).toBe('verify');
  });

  it('never opens a sign-in page when the app has no user pool', () => {
    expect(pageFromHash('#/sign-in', availablePages(null))).toBe('verify');
    expect(pageFromHash('#/sign-in-mfa', availablePages(null))).toBe('verify');
  });

  it('never opens the page of a flow the pool refuses, even by typed address', () => {
    expect(pageFromHash('#/sign-in', availablePages('mfa'))).toBe('verify');
    expect(pageFromHash('#/sign-in-mfa', availablePages('mfa'))).toBe('mfa');
    expect(pageFromHash('#/sign-in-mfa', availablePages('passwordless'))).toBe('verify');
    expect(pageFromHash('#/sign-in', availablePages('passwordless'))).toBe('signIn');
  });
});
