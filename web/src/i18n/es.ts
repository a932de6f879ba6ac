import type { MessageSchema } from './en.ts';

/** Spanish, addressing the reader as tú, as most web apps in Spanish do. */
export const es = {
  language: {
    name: 'Español',
    label: 'Idioma',
  },
  app: {
    title: 'Verifica tu correo electrónico',
  },
  common: {
    sending: 'Enviando…',
    changeEmail: 'Usar otro correo',
  },
  emailForm: {
    label: 'Correo electrónico',
    submit: 'Envíame un código',
  },
  codeForm: {
    sent: 'Hemos enviado un código a {email}',
    sentAgain: 'Hemos enviado un código nuevo a {email}',
    label: 'Código de {length} dígitos del correo',
    hint: 'Introduce los {length} dígitos del correo.',
    submit: 'Verificar',
    checking: 'Comprobando…',
  },
  expiry: {
    running: 'El código caduca en {time}',
    expired: 'El código ha caducado.',
  },
  resend: {
    send: 'Enviar un código nuevo',
    getNew: 'Pedir un código nuevo',
    wait: 'Podrás pedir un código nuevo dentro de {time}.',
  },
  result: {
    confirmed: 'La dirección {email} está verificada. Ya puedes cerrar esta página.',
    nextSteps: 'Pide un código nuevo para volver a intentarlo o usa otra dirección.',
  },
  verification: {
    verified: 'Tu dirección de correo está verificada.',
    invalidCode: 'El código no es correcto. Te queda {count} intento. | El código no es correcto. Te quedan {count} intentos.',
    expired: 'Este código ha caducado.',
    locked: 'Demasiados códigos incorrectos: este código ya no sirve.',
    alreadyUsed: 'Este código ya se ha usado.',
  },
  duration: {
    seconds: '{count} segundo | {count} segundos',
    minutes: '{count} minuto | {count} minutos',
    unknown: 'un rato',
  },
  problem: {
    notAuthorized: 'Esta aplicación no tiene permiso para usar el servicio de verificación (se rechazó su clave de API).',
    unexpected: 'Algo ha fallado por nuestra parte. Inténtalo de nuevo.',
    unexpectedWithType: 'Algo ha fallado por nuestra parte. Inténtalo de nuevo. ({errorType})',
    invalidRequest: 'La solicitud no es válida. Revisa lo que has introducido.',
    badRequest: 'El servicio ha rechazado la solicitud: «{detail}»',
    invalidEmail: 'Introduce una dirección de correo válida.',
    invalidInput: 'El servicio no ha aceptado lo que has introducido. Revísalo e inténtalo de nuevo.',
    throttled: 'Demasiadas solicitudes. Espera un momento y vuelve a intentarlo.',
    rateLimited: 'Se han pedido demasiados códigos. Espera {wait} antes de pedir otro.',
    mailboxLocked: 'Se han introducido demasiados códigos incorrectos para esta dirección. Espera {wait} antes de pedir otro código.',
    httpError: 'El servicio de verificación ha respondido con un error (HTTP {status}). Inténtalo de nuevo.',
    networkError: 'No se ha podido conectar con el servicio de verificación. Comprueba tu conexión e inténtalo de nuevo.',
  },
} satisfies MessageSchema;
