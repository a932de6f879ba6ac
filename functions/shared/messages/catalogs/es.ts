import type { MessageCatalog } from '../catalog.ts';

export const es: MessageCatalog = {
  emailSubject: '{code} es tu código de verificación de {appName}',
  heading: 'Tu código de verificación',
  intro: 'Introduce este código para continuar en {appName}:',
  expires: { one: 'Caduca en {minutes} minuto.', other: 'Caduca en {minutes} minutos.' },
  neverShare: 'No compartas este código con nadie. {appName} nunca te lo pedirá.',
  ignore: 'Si no has solicitado este código, puedes ignorar este correo.',
  support: '¿Tienes preguntas? Visita {supportUrl}',
  sms: '{code} es tu código de {appName}. No lo compartas.',
};
