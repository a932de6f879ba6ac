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
  /** The navigation between the app's pages (shown when the app has a user pool). */
  nav: {
    label: 'Pages',
    verify: 'Verify an email',
    signIn: 'Sign in',
    mfa: 'Sign in with password + code',
  },
  /** The sign-in pages (Amazon Cognito, the emailed code as the factor). */
  signIn: {
    title: 'Sign in with a code',
    mfaTitle: 'Sign in with password and code',
    passwordLabel: 'Password',
    continue: 'Continue',
    signingIn: 'Signing in…',
    startAgain: 'Start again',
    signedIn: 'You are signed in.',
    claimsCaption: 'What your ID token says',
    claimEmail: 'Email (email)',
    claimSub: 'User ID (sub)',
    claimAuthTime: 'Signed in at (auth_time)',
    claimExp: 'Token valid until (exp)',
    signOut: 'Sign out',
    wrongCode: 'That code is not right. Please try again.',
    attemptsExhausted: 'Too many wrong codes: this sign-in was refused. Start again to get a new code.',
    expired: 'The code has expired: this sign-in was refused. Start again to get a new code.',
    refused: 'The sign-in was refused. Please start again.',
    wrongPassword: 'Incorrect email or password.',
    passwordAttemptsExceeded: 'Too many wrong passwords. Please wait a moment before you try again.',
    /** Only after a proven password (MFA): a passwordless sign-in is never told its send was refused. */
    rateLimited: 'Too many codes were requested for this address. Please wait a while before you start again.',
    /** Under the code field: a refused send looks like a sent code (so nobody can tell which addresses have accounts). */
    noCodeHint: 'If no code arrives, you can start again in a minute.',
    networkError: 'Could not reach the sign-in service. Check your connection and try again.',
    unsupportedStep: 'This account needs a sign-in step this page does not offer. Please contact support.',
    /** {errorType} is the service's name for the error, for support. */
    unexpected: 'The sign-in did not work. Please try again. ({errorType})',
  },
  /** Words used in several places. */
  common: {
    sending: 'Sending…',
    changeEmail: 'Use a different email',
    changeNumber: 'Use a different number',
  },
  emailForm: {
    label: 'Email address',
    submit: 'Send me a code',
  },
  /** Email or phone, chosen before the address. */
  channel: {
    label: 'Send the code by',
    email: 'Email',
    sms: 'Text message (SMS)',
  },
  phoneForm: {
    label: 'Mobile phone number',
    /** Shown under the field; the service checks the number. */
    hint: 'In international format: + and the country code, e.g. +44 7400 123456.',
    submit: 'Text me a code',
  },
  codeForm: {
    /** {email} is the address, shown in bold. */
    sent: 'We sent a code to {email}',
    sentAgain: 'We sent a new code to {email}',
    label: '{length}-digit code from the email',
    hint: 'Enter the {length} digits from the email.',
    labelSms: '{length}-digit code from the text message',
    hintSms: 'Enter the {length} digits from the text message.',
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
    nextStepsSms: 'Ask for a new code to try again, or use a different number.',
  },
  verification: {
    verified: 'Your email address is verified.',
    verifiedPhone: 'Your phone number is verified.',
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
    invalidPhone: 'Please enter the number in international format, starting with + and the country code.',
    unsupportedDestination: 'We cannot send text messages to this number. Please use a mobile number from a supported country, or verify by email.',
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
