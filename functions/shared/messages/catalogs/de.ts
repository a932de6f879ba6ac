import type { MessageCatalog } from '../catalog.ts';

export const de: MessageCatalog = {
  emailSubject: '{code} ist Ihr Bestätigungscode für {appName}',
  heading: 'Ihr Bestätigungscode',
  intro: 'Geben Sie diesen Code ein, um mit {appName} fortzufahren:',
  expires: { one: 'Er läuft in {minutes} Minute ab.', other: 'Er läuft in {minutes} Minuten ab.' },
  neverShare: 'Geben Sie diesen Code niemals weiter. {appName} wird Sie nie danach fragen.',
  ignore: 'Wenn Sie diesen Code nicht angefordert haben, können Sie diese E-Mail ignorieren.',
  support: 'Fragen? Hilfe finden Sie unter {supportUrl}',
  sms: '{code} ist Ihr {appName}-Code. Geben Sie ihn nicht weiter.',
};
