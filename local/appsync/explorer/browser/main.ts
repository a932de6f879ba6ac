/**
 * The explorer page's script: reads the configuration the engine embedded, mounts the auth selector and renders
 * GraphiQL (schema docs, autocompletion and history are GraphiQL's own, fed by introspection through the fetcher).
 * A new selection makes a new fetcher, so GraphiQL introspects again with the new auth.
 */
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import type { ExplorerConfig } from '../explorer-config.ts';
import { mountAuthBar } from './auth-bar.ts';
import type { SelectedAuth } from './auth-headers.ts';
import { createFetcher } from './fetcher.ts';

const DEFAULT_QUERY = `# Pick the auth above; Ctrl+Enter runs.
# Subscriptions listen on the real-time endpoint.
query {
  __typename
}
`;

function readConfig(): ExplorerConfig {
  const text = document.getElementById('explorer-config')?.textContent;
  if (!text) throw new Error('The page carries no explorer configuration.');
  return JSON.parse(text) as ExplorerConfig;
}

const config = readConfig();
const mount = document.getElementById('graphiql');
const bar = document.getElementById('explorer-auth');
if (!mount || !bar) throw new Error('The page lacks the GraphiQL or auth-bar element.');
mount.textContent = '';
const root = createRoot(mount);

const render = (auth: SelectedAuth): void => {
  const fetcher = createFetcher(auth, config, (text) => authBar.setStatus(text));
  root.render(createElement(GraphiQL, { fetcher, defaultQuery: DEFAULT_QUERY, shouldPersistHeaders: false }));
};
const authBar = mountAuthBar(bar, config, render);
render(authBar.current());
