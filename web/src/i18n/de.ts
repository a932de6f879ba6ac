import type { MessageSchema } from './en.ts';

/** German, addressing the reader formally (Sie), as sign-in pages usually do. */
export const de = {
  language: {
    name: 'Deutsch',
    label: 'Sprache',
  },
  app: {
    title: 'E-Mail-Adresse bestätigen',
  },
  common: {
    sending: 'Wird gesendet…',
    changeEmail: 'Andere E-Mail-Adresse verwenden',
  },
  emailForm: {
    label: 'E-Mail-Adresse',
    submit: 'Code zusenden',
  },
  codeForm: {
    sent: 'Wir haben einen Code an {email} geschickt',
    sentAgain: 'Wir haben einen neuen Code an {email} geschickt',
    label: '{length}-stelliger Code aus der E-Mail',
    hint: 'Geben Sie die {length} Ziffern aus der E-Mail ein.',
    submit: 'Bestätigen',
    checking: 'Wird geprüft…',
  },
  expiry: {
    running: 'Der Code ist noch {time} gültig',
    expired: 'Der Code ist abgelaufen.',
  },
  resend: {
    send: 'Neuen Code senden',
    getNew: 'Neuen Code anfordern',
    wait: 'Einen neuen Code können Sie in {time} anfordern.',
  },
  result: {
    confirmed: '{email} ist bestätigt. Sie können diese Seite jetzt schließen.',
    nextSteps: 'Fordern Sie einen neuen Code an, um es noch einmal zu versuchen, oder verwenden Sie eine andere Adresse.',
  },
  verification: {
    verified: 'Ihre E-Mail-Adresse ist bestätigt.',
    invalidCode: 'Dieser Code stimmt nicht. Noch {count} Versuch. | Dieser Code stimmt nicht. Noch {count} Versuche.',
    expired: 'Dieser Code ist abgelaufen.',
    locked: 'Zu viele falsche Codes: Dieser Code gilt nicht mehr.',
    alreadyUsed: 'Dieser Code wurde bereits verwendet.',
  },
  duration: {
    seconds: '{count} Sekunde | {count} Sekunden',
    minutes: '{count} Minute | {count} Minuten',
    unknown: 'eine Weile',
  },
  problem: {
    notAuthorized: 'Diese App darf den Bestätigungsdienst nicht nutzen (ihr API-Schlüssel wurde abgelehnt).',
    unexpected: 'Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es noch einmal.',
    unexpectedWithType: 'Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es noch einmal. ({errorType})',
    invalidRequest: 'Die Anfrage war ungültig. Bitte prüfen Sie Ihre Eingabe.',
    badRequest: 'Der Dienst hat die Anfrage abgelehnt: „{detail}“',
    invalidEmail: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    invalidInput: 'Der Dienst hat Ihre Eingabe nicht angenommen. Bitte prüfen Sie sie und versuchen Sie es noch einmal.',
    throttled: 'Zu viele Anfragen. Bitte warten Sie einen Moment und versuchen Sie es dann noch einmal.',
    rateLimited: 'Es wurden zu viele Codes angefordert. Bitte warten Sie {wait}, bevor Sie einen weiteren anfordern.',
    mailboxLocked:
      'Für diese Adresse wurden zu viele falsche Codes eingegeben. Bitte warten Sie {wait}, bevor Sie einen neuen Code anfordern.',
    httpError: 'Der Bestätigungsdienst hat mit einem Fehler geantwortet (HTTP {status}). Bitte versuchen Sie es noch einmal.',
    networkError: 'Der Bestätigungsdienst ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es noch einmal.',
  },
} satisfies MessageSchema;
