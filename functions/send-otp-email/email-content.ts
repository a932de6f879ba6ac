import type { OtpEmailContent } from './types.ts';

/**
 * Renders the verification email.
 *
 * Clients (and the end-to-end tests) read the code with `/\b(\d{4,10})\b/`, so the text body must not contain
 * another run of 4 or more digits before the code: the code comes first, the lifetime after it.
 *
 * @example
 * ```ts
 * renderOtpEmail({ code: '123456', ttlSeconds: 300, subject: 'Your verification code' }).text;
 * // 'Your verification code is 123456.\n\nIt expires in 5 minutes. …'
 * ```
 */
export function renderOtpEmail(input: { code: string; ttlSeconds: number; subject: string }): OtpEmailContent {
  const lifetime = describeLifetime(input.ttlSeconds);
  const ignoreLine = 'If you did not ask for this code, you can ignore this email.';
  const text = [`Your verification code is ${input.code}.`, '', `It expires in ${lifetime}.`, '', ignoreLine, ''].join(
    '\n',
  );
  // The code is digits only; nothing else here comes from a user, so there is nothing to escape.
  const html = [
    '<!doctype html>',
    '<html><body style="font-family: sans-serif">',
    `<p>Your verification code is <strong style="font-size: 1.5em; letter-spacing: 0.1em">${input.code}</strong>.</p>`,
    `<p>It expires in ${lifetime}.</p>`,
    `<p>${ignoreLine}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: input.subject, text, html };
}

/** Whole minutes, rounded down so the email never promises more time than the code has (at least 1). */
export function describeLifetime(ttlSeconds: number): string {
  const minutes = Math.max(1, Math.floor(ttlSeconds / 60));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
