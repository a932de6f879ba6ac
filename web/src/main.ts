import { DefaultApolloClient } from '@vue/apollo-composable';
import { createApp } from 'vue';
import App from './App.vue';
import { readCognitoConfig, readSignInFlow } from './auth/cognitoConfig.ts';
import { createApolloClient } from './apollo.ts';
import { createAppI18n } from './i18n/index.ts';
import { readLocalePreference } from './i18n/localePreference.ts';
import { initialLocale } from './i18n/negotiate.ts';
import { readCodeLength } from './lib/otpCode.ts';
import { availablePages } from './lib/pageRoute.ts';
import './style.css';

const root = document.querySelector<HTMLElement>('#app');
if (!root) throw new Error('index.html has no #app element');

try {
  const client = createApolloClient();
  const codeLength = readCodeLength(import.meta.env.VITE_OTP_CODE_LENGTH);
  const cognito = readCognitoConfig(import.meta.env);
  const pages = availablePages(cognito ? readSignInFlow(import.meta.env) : null);
  // The language picked in the switcher before, else the first of the browser's languages the app has.
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  const i18n = createAppI18n(initialLocale(readLocalePreference(() => window.localStorage), languages));
  createApp(App, { codeLength, cognito, pages }).use(i18n).provide(DefaultApolloClient, client).mount(root);
} catch (error) {
  // A misconfigured build should say so on the page, not leave it blank (in English: it is meant for whoever deploys).
  root.textContent = error instanceof Error ? error.message : String(error);
  root.setAttribute('role', 'alert');
  throw error;
}
