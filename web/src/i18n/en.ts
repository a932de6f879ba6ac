/**
 * The web app's English strings: the schema every other catalog must match key for key (see messages.ts).
 *
 * vue-i18n's message syntax: `{name}` is a value filled in by the code; `a | b` are the singular and plural forms,
 * chosen by the number in `{count}` (pluralRules.ts); `@`, `|`, `{` and `}` are special ({'@'} writes a literal @).
 */
export const en = {
  language: {
    /** This language's own name, as the language switcher lists it. */
    name: 'English',
    label: 'Language',
  },
  app: {
    /** The page's title and heading. */
    title: 'Verify your email',
  },
  /** Words used in several places. */
  common: {
    sending: 'Sending…',
    changeEmail: 'Use a different email',
  },
  emailForm: {
    label: 'Email address',
    submit: 'Send me a code',
  },
  codeForm: {
    /** {email} is the address, shown in bold. */
    sent: 'We sent a code to {email}',
    sentAgain: 'We sent a new code to {email}',
    label: '{length}-digit code from the email',
    hint: 'Enter the {length} digits from the email.',
    submit: 'Verify',
    checking: 'Checking…',
  },
  expiry: {
    /** {time} is a mm:ss countdown. */
    running: 'The code expires in {time}',
    expired: 'The code has expired.',
  },
  resend: {
    /** On the code form. */
    send: 'Send a new code',
    /** After a code stopped working. */
    getNew: 'Get a new code',
    /** {time} is a mm:ss countdown. */
    wait: 'You can ask for a new code in {time}.',
  },
  result: {
    /** {email} is the address, shown in bold. */
    confirmed: '{email} is confirmed. You can close this page.',
    nextSteps: 'Ask for a new code to try again, or use a different address.',
  },
  verification: {
    verified: 'Your email address is verified.',
    invalidCode: 'That code is not right. {count} attempt remaining. | That code is not right. {count} attempts remaining.',
    expired: 'This code has expired.',
    locked: 'Too many wrong codes: this code no longer works.',
    alreadyUsed: 'This code has already been used.',
  },
  /** How long to wait, as {wait} in the problem.* sentences. */
  duration: {
    seconds: '{count} second | {count} seconds',
    minutes: '{count} minute | {count} minutes',
    unknown: 'a little while',
  },
  problem: {
    notAuthorized: 'This app is not allowed to use the verification service (its API key was refused).',
    unexpected: 'Something went wrong on our side. Please try again.',
    unexpectedWithType: 'Something went wrong on our side. Please try again. ({errorType})',
    invalidRequest: 'The request was not valid. Please check what you entered.',
    /**
     * {detail} is the service's own explanation, written in English for people: English shows it as it is, other
     * languages frame it.
     */
    badRequest: '{detail}',
    invalidEmail: 'Please enter a valid email address.',
    invalidInput: 'The service did not accept what you entered. Please check it and try again.',
    throttled: 'Too many requests. Please wait a moment and try again.',
    /** {wait} is a duration.* text. */
    rateLimited: 'Too many codes were requested. Please wait {wait} before asking for another one.',
    mailboxLocked: 'Too many wrong codes were entered for this address. Please wait {wait} before asking for another one.',
    httpError: 'The verification service answered with an error (HTTP {status}). Please try again.',
    networkError: 'Could not reach the verification service. Check your connection and try again.',
  },
};

/** The shape of every catalog: the same keys as English, each a string. */
export type MessageSchema = typeof en;
