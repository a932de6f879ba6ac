import type { MessageSchema } from './en.ts';

/**
 * French, addressing the reader as vous. French typography puts a no-break space (\u00a0) before a colon and inside
 * guillemets, so a line never starts with the punctuation.
 */
export const fr = {
  language: {
    name: 'Français',
    label: 'Langue',
  },
  app: {
    title: 'Vérifiez votre adresse e-mail',
  },
  common: {
    sending: 'Envoi en cours…',
    changeEmail: 'Utiliser une autre adresse',
  },
  emailForm: {
    label: 'Adresse e-mail',
    submit: 'Recevoir un code',
  },
  codeForm: {
    sent: 'Nous avons envoyé un code à {email}',
    sentAgain: 'Nous avons envoyé un nouveau code à {email}',
    label: 'Code à {length} chiffres reçu par e-mail',
    hint: 'Saisissez les {length} chiffres reçus par e-mail.',
    submit: 'Vérifier',
    checking: 'Vérification…',
  },
  expiry: {
    running: 'Le code expire dans {time}',
    expired: 'Le code a expiré.',
  },
  resend: {
    send: 'Envoyer un nouveau code',
    getNew: 'Recevoir un nouveau code',
    wait: 'Vous pourrez demander un nouveau code dans {time}.',
  },
  result: {
    confirmed: 'L’adresse {email} est confirmée. Vous pouvez fermer cette page.',
    nextSteps: 'Demandez un nouveau code pour réessayer, ou utilisez une autre adresse.',
  },
  verification: {
    verified: 'Votre adresse e-mail est vérifiée.',
    invalidCode: 'Ce code est incorrect. Il vous reste {count} essai. | Ce code est incorrect. Il vous reste {count} essais.',
    expired: 'Ce code a expiré.',
    locked: 'Trop de codes erronés\u00a0: ce code n’est plus valable.',
    alreadyUsed: 'Ce code a déjà été utilisé.',
  },
  duration: {
    seconds: '{count} seconde | {count} secondes',
    minutes: '{count} minute | {count} minutes',
    unknown: 'un moment',
  },
  problem: {
    notAuthorized: 'Cette application n’est pas autorisée à utiliser le service de vérification (sa clé d’API a été refusée).',
    unexpected: 'Un problème est survenu de notre côté. Veuillez réessayer.',
    unexpectedWithType: 'Un problème est survenu de notre côté. Veuillez réessayer. ({errorType})',
    invalidRequest: 'La demande n’est pas valide. Vérifiez votre saisie.',
    badRequest: 'Le service a refusé la demande\u00a0: «\u00a0{detail}\u00a0»',
    invalidEmail: 'Veuillez saisir une adresse e-mail valide.',
    invalidInput: 'Le service n’a pas accepté votre saisie. Vérifiez-la, puis réessayez.',
    throttled: 'Trop de demandes. Patientez un instant, puis réessayez.',
    rateLimited: 'Trop de codes ont été demandés. Veuillez patienter {wait} avant d’en demander un autre.',
    mailboxLocked:
      'Trop de codes erronés ont été saisis pour cette adresse. Veuillez patienter {wait} avant de demander un nouveau code.',
    httpError: 'Le service de vérification a répondu par une erreur (HTTP {status}). Veuillez réessayer.',
    networkError: 'Impossible de joindre le service de vérification. Vérifiez votre connexion, puis réessayez.',
  },
} satisfies MessageSchema;
