import type { MessageCatalog } from '../catalog.ts';

export const en: MessageCatalog = {
  emailSubject: '{code} is your {appName} verification code',
  heading: 'Your verification code',
  intro: 'Enter this code to continue with {appName}:',
  expires: { one: 'It expires in {minutes} minute.', other: 'It expires in {minutes} minutes.' },
  neverShare: 'Never share this code with anyone. {appName} will never ask you for it.',
  ignore: 'If you did not ask for this code, you can ignore this email.',
  support: 'Questions? Visit {supportUrl}',
  sms: "{code} is your {appName} code. Don't share it.",
};
