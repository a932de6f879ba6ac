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
  nav: {
    label: 'Navigation',
    verify: 'Vérifier une adresse e-mail',
    signIn: 'Se connecter',
    mfa: 'Se connecter avec mot de passe + code',
  },
  signIn: {
    title: 'Connectez-vous avec un code',
    mfaTitle: 'Connectez-vous avec mot de passe et code',
    passwordLabel: 'Mot de passe',
    continue: 'Continuer',
    signingIn: 'Connexion…',
    startAgain: 'Recommencer',
    signedIn: 'Vous êtes connecté.',
    claimsCaption: 'Ce que dit votre jeton d’identité',
    claimEmail: 'E-mail (email)',
    claimSub: 'Identifiant (sub)',
    claimAuthTime: 'Connecté le (auth_time)',
    claimExp: 'Jeton valable jusqu’au (exp)',
    signOut: 'Se déconnecter',
    wrongCode: 'Ce code n’est pas le bon. Veuillez réessayer.',
    attemptsExhausted: 'Trop de codes erronés\u00a0: cette connexion a été refusée. Recommencez pour recevoir un nouveau code.',
    expired: 'Le code a expiré\u00a0: cette connexion a été refusée. Recommencez pour recevoir un nouveau code.',
    refused: 'La connexion a été refusée. Veuillez recommencer.',
    wrongPassword: 'Adresse e-mail ou mot de passe incorrect.',
    passwordAttemptsExceeded: 'Trop de mots de passe erronés. Veuillez patienter un moment avant de réessayer.',
    rateLimited: 'Trop de codes ont été demandés pour cette adresse. Veuillez patienter un peu avant de recommencer.',
    noCodeHint: 'Si aucun code n’arrive, vous pourrez recommencer dans une minute.',
    networkError: 'Impossible de joindre le service de connexion. Vérifiez votre connexion et réessayez.',
    unsupportedStep: 'Ce compte demande une étape de connexion que cette page ne propose pas. Veuillez contacter le support.',
    unexpected: 'La connexion n’a pas abouti. Veuillez réessayer. ({errorType})',
  },
  common: {
    sending: 'Envoi en cours…',
    changeEmail: 'Utiliser une autre adresse',
    changeNumber: 'Utiliser un autre numéro',
  },
  emailForm: {
    label: 'Adresse e-mail',
    submit: 'Recevoir un code',
  },
  channel: {
    label: 'Recevoir le code par',
    email: 'E-mail',
    sms: 'SMS',
  },
  phoneForm: {
    label: 'Numéro de mobile',
    hint: 'Au format international\u00a0: + et l’indicatif du pays, par exemple +33 6 12 34 56 78.',
    submit: 'Recevoir un code par SMS',
  },
  codeForm: {
    sent: 'Nous avons envoyé un code à {email}',
    sentAgain: 'Nous avons envoyé un nouveau code à {email}',
    label: 'Code à {length} chiffres reçu par e-mail',
    hint: 'Saisissez les {length} chiffres reçus par e-mail.',
    labelSms: 'Code à {length} chiffres reçu par SMS',
    hintSms: 'Saisissez les {length} chiffres reçus par SMS.',
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
    nextStepsSms: 'Demandez un nouveau code pour réessayer, ou utilisez un autre numéro.',
  },
  verification: {
    verified: 'Votre adresse e-mail est vérifiée.',
    verifiedPhone: 'Votre numéro de téléphone est vérifié.',
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
    invalidPhone: 'Veuillez saisir le numéro au format international, en commençant par + et l’indicatif du pays.',
    unsupportedDestination: 'Nous ne pouvons pas envoyer de SMS à ce numéro. Utilisez un numéro de mobile d’un pays pris en charge, ou vérifiez par e-mail.',
    invalidInput: 'Le service n’a pas accepté votre saisie. Vérifiez-la, puis réessayez.',
    throttled: 'Trop de demandes. Patientez un instant, puis réessayez.',
    rateLimited: 'Trop de codes ont été demandés. Veuillez patienter {wait} avant d’en demander un autre.',
    mailboxLocked:
      'Trop de codes erronés ont été saisis pour cette adresse. Veuillez patienter {wait} avant de demander un nouveau code.',
    httpError: 'Le service de vérification a répondu par une erreur (HTTP {status}). Veuillez réessayer.',
    networkError: 'Impossible de joindre le service de vérification. Vérifiez votre connexion, puis réessayez.',
  },
} satisfies MessageSchema;
