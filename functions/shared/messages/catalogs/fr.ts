import type { MessageCatalog } from '../catalog.ts';

// French puts a no-break space before ':' and '?'.
export const fr: MessageCatalog = {
  emailSubject: '{code} est votre code de vérification {appName}',
  heading: 'Votre code de vérification',
  intro: 'Saisissez ce code pour continuer sur {appName}\u00a0:',
  expires: { one: 'Il expire dans {minutes} minute.', other: 'Il expire dans {minutes} minutes.' },
  neverShare: 'Ne communiquez jamais ce code. {appName} ne vous le demandera jamais.',
  ignore: "Si vous n'avez pas demandé ce code, vous pouvez ignorer cet e-mail.",
  support: 'Des questions\u00a0? Rendez-vous sur {supportUrl}',
  sms: '{code} est votre code {appName}. Ne le partagez pas.',
};
