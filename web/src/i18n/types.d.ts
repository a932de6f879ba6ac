import type { MessageSchema } from './en.ts';

// vue-i18n's global schema: `t('…')` in components autocompletes the English catalog's keys (messages.test.ts
// checks that every key the components use exists).
declare module 'vue-i18n' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the augmentation vue-i18n documents
  export interface DefineLocaleMessage extends MessageSchema {}
}
