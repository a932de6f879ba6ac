/**
 * The auth selector above GraphiQL, in plain DOM: the API's enabled modes (its default first), the API's keys for
 * API_KEY, nothing to enter for IAM (the page signs), a token field for Cognito user pools, OIDC and Lambda, and a
 * status line for subscriptions. Values live in memory only: nothing is written to storage or the URL.
 */
import type { AuthMode } from '../../../stack-description.ts';
import { TOKEN_MODES, type ExplorerConfig } from '../explorer-config.ts';
import type { SelectedAuth } from './auth-headers.ts';

const MODE_LABELS: Record<AuthMode, string> = {
  API_KEY: 'API key',
  AWS_IAM: 'IAM (local user, SigV4)',
  AMAZON_COGNITO_USER_POOLS: 'Cognito user pools (token)',
  OPENID_CONNECT: 'OpenID Connect (token)',
  AWS_LAMBDA: 'Lambda authorizer (token)',
};

/** Why a mode of the API cannot be used from the page, or null when it can. */
function unavailable(mode: AuthMode, config: ExplorerConfig): string | null {
  if (mode === 'API_KEY' && config.apiKeys.length === 0) return 'no API key';
  if (mode === 'AWS_IAM' && !config.iam) return 'no local credentials';
  return null;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string>, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** What the bar gives the page: the current selection and a status line. */
export interface AuthBar {
  current(): SelectedAuth;
  setStatus(text: string): void;
}

/** Fills `container` with the selector; `onChange` runs when the selection changes (token: on commit, not per key). */
export function mountAuthBar(container: HTMLElement, config: ExplorerConfig, onChange: (auth: SelectedAuth) => void): AuthBar {
  const mode = element('select', { id: 'explorer-auth-mode', 'aria-label': 'Authorization mode' });
  for (const authMode of config.authModes) {
    const reason = unavailable(authMode, config);
    const option = element('option', { value: authMode }, reason ? `${MODE_LABELS[authMode]} — ${reason}` : MODE_LABELS[authMode]);
    option.disabled = reason !== null;
    mode.append(option);
  }
  const usable = config.authModes.find((authMode) => unavailable(authMode, config) === null);
  if (usable) mode.value = usable;

  const apiKey = element('select', { id: 'explorer-api-key', 'aria-label': 'API key' });
  for (const key of config.apiKeys) {
    apiKey.append(element('option', { value: key.value }, `${key.label}: ${key.value}${key.expired ? ' (expired)' : ''}`));
  }
  const token = element('input', {
    id: 'explorer-token',
    'aria-label': 'Authorization token',
    placeholder: 'token sent as Authorization',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const status = element('span', { id: 'explorer-status', role: 'status', 'aria-live': 'polite' });

  const current = (): SelectedAuth => ({ mode: mode.value as AuthMode, apiKey: apiKey.value, token: token.value });
  const showFields = (): void => {
    apiKey.hidden = mode.value !== 'API_KEY';
    token.hidden = !TOKEN_MODES.includes(mode.value as AuthMode);
  };
  const changed = (): void => {
    showFields();
    onChange(current());
  };
  mode.addEventListener('change', changed);
  apiKey.addEventListener('change', changed);
  token.addEventListener('change', changed);
  showFields();

  const label = element('label', { for: 'explorer-auth-mode' }, 'Authorization');
  const title = element('strong', {}, `${config.apiName} · local AppSync`);
  container.append(title, label, mode, apiKey, token, status);
  return {
    current,
    setStatus(text) {
      status.textContent = text;
    },
  };
}
