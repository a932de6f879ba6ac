/**
 * A small GraphQL explorer page, self-contained (no CDN: the local stack works offline). Query and variables boxes,
 * an auth selector (API key prefilled, or none), Run, a result pane, and the operations listed by introspection.
 * IAM is not offered: a browser page cannot sign SigV4 without the secret key.
 */

/** What the page needs to know about the engine it is served by. */
export interface ExplorerPageOptions {
  /** Path the page POSTs to (same origin), e.g. `/graphql`. */
  graphqlPath: string;
  /** The API key the auth selector starts with (the API's first key), if any. */
  apiKey?: string;
}

/** The query the page runs to list the API's operations (exported so tests run exactly what the page runs). */
export const OPERATIONS_QUERY =
  'query ExplorerOperations { __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } } } }';

/** JSON for embedding inside a <script>: `<` escaped so no value can close the script element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const STYLE = `
body { font: 14px system-ui, sans-serif; margin: 0; display: grid; grid-template-columns: 14rem 1fr 1fr; height: 100vh; }
aside { border-right: 1px solid #ccc; padding: .5rem; overflow: auto; }
aside h2 { font-size: .8rem; text-transform: uppercase; color: #666; margin: .8rem 0 .2rem; }
aside button { display: block; width: 100%; text-align: left; border: 0; background: none; padding: .15rem .3rem; cursor: pointer; font: inherit; }
aside button:hover { background: #eef; }
main, section { display: flex; flex-direction: column; padding: .5rem; gap: .4rem; min-height: 0; }
textarea, pre { font: 13px ui-monospace, monospace; border: 1px solid #ccc; padding: .4rem; margin: 0; }
#query { flex: 3; } #variables { flex: 1; } #result { flex: 1; overflow: auto; white-space: pre-wrap; }
.bar { display: flex; gap: .4rem; align-items: center; } .bar input { flex: 1; }`;

/** The client script: plain DOM and fetch, nothing to download. */
function clientScript(options: ExplorerPageOptions): string {
  return `
const GRAPHQL_PATH = ${scriptJson(options.graphqlPath)};
const OPERATIONS_QUERY = ${scriptJson(OPERATIONS_QUERY)};
const $ = (id) => document.getElementById(id);
function headers() {
  const h = { 'content-type': 'application/json' };
  if ($('auth').value === 'API_KEY') h['x-api-key'] = $('apiKey').value;
  return h;
}
async function post(query, variables) {
  const response = await fetch(GRAPHQL_PATH, { method: 'POST', headers: headers(), body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: await response.json() };
}
async function run() {
  let variables = {};
  try { variables = $('variables').value.trim() ? JSON.parse($('variables').value) : {}; }
  catch (e) { $('result').textContent = 'Variables are not valid JSON: ' + e.message; return; }
  $('result').textContent = 'Running…';
  try {
    const { status, body } = await post($('query').value, variables);
    $('result').textContent = 'HTTP ' + status + '\\n' + JSON.stringify(body, null, 2);
  } catch (e) { $('result').textContent = 'Request failed: ' + e.message; }
}
async function listOperations() {
  const list = $('operations');
  list.textContent = '';
  try {
    const { body } = await post(OPERATIONS_QUERY, {});
    const schema = body.data && body.data.__schema;
    if (!schema) { list.textContent = 'Introspection failed (check the auth mode).'; return; }
    for (const [title, type, keyword] of [['Queries', schema.queryType, 'query'], ['Mutations', schema.mutationType, 'mutation'], ['Subscriptions', schema.subscriptionType, 'subscription']]) {
      if (!type || !type.fields) continue;
      const heading = document.createElement('h2'); heading.textContent = title; list.append(heading);
      for (const field of type.fields) {
        const button = document.createElement('button');
        button.textContent = field.name;
        button.onclick = () => { $('query').value = keyword + ' {\\n  ' + field.name + ' {\\n    __typename\\n  }\\n}\\n'; };
        list.append(button);
      }
    }
  } catch (e) { list.textContent = 'Introspection failed: ' + e.message; }
}
$('run').onclick = run;
$('auth').onchange = listOperations;
document.addEventListener('keydown', (e) => { if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') run(); });
listOperations();`;
}

/** The explorer's HTML document. */
export function explorerPage(options: ExplorerPageOptions): string {
  const escapedKey = (options.apiKey ?? '').replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>GraphQL explorer — local AppSync</title><style>${STYLE}</style></head>
<body>
<aside><strong>Operations</strong><div id="operations">Loading…</div></aside>
<main>
  <div class="bar">
    <select id="auth" aria-label="Authorization"><option value="API_KEY">API key</option><option value="NONE">None</option></select>
    <input id="apiKey" aria-label="API key" value="${escapedKey}">
    <button id="run" title="Ctrl+Enter">Run ▶</button>
  </div>
  <textarea id="query" aria-label="Query" spellcheck="false">query {\n  __typename\n}\n</textarea>
  <textarea id="variables" aria-label="Variables (JSON)" spellcheck="false">{}</textarea>
</main>
<section><pre id="result" aria-label="Result"></pre></section>
<script type="module">${clientScript(options)}</script>
</body>
</html>
`;
}

/** True when a GET should get the page rather than an API answer: a browser navigation asks for text/html. */
export function wantsHtml(acceptHeader: string | undefined): boolean {
  return (acceptHeader ?? '').toLowerCase().includes('text/html');
}
