import { DefaultApolloClient } from '@vue/apollo-composable';
import { createApp } from 'vue';
import App from './App.vue';
import { createApolloClient } from './apollo.ts';
import { readCodeLength } from './lib/otpCode.ts';
import './style.css';

const root = document.querySelector<HTMLElement>('#app');
if (!root) throw new Error('index.html has no #app element');

try {
  const client = createApolloClient();
  const codeLength = readCodeLength(import.meta.env.VITE_OTP_CODE_LENGTH);
  createApp(App, { codeLength }).provide(DefaultApolloClient, client).mount(root);
} catch (error) {
  // A misconfigured build should say so on the page, not leave it blank.
  root.textContent = error instanceof Error ? error.message : String(error);
  root.setAttribute('role', 'alert');
  throw error;
}
