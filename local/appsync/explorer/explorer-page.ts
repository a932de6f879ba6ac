/**
 * The explorer's HTML document: GraphiQL's mount point, the auth bar, the configuration as a JSON data block, and
 * the bundled script and stylesheet from the engine itself (no CDN: the local stack works offline). The document is
 * small and built per request; the bundle is served separately (serve-explorer.ts).
 */
import type { ExplorerConfig } from './explorer-config.ts';

/** Where the bundle is served (same origin; no AppSync route starts with it). */
const EXPLORER_ASSET_PATH = '/explorer/';
export const EXPLORER_SCRIPT_PATH = `${EXPLORER_ASSET_PATH}explorer.js`;
export const EXPLORER_STYLE_PATH = `${EXPLORER_ASSET_PATH}explorer.css`;

/** JSON for embedding inside a <script>: `<` escaped so no value can close the script element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function htmlText(value: string): string {
  return value.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font: 14px system-ui, sans-serif; }
#explorer-auth { display: flex; gap: .5rem; align-items: center; padding: .35rem .75rem; border-bottom: 1px solid #ccc; flex-wrap: wrap; }
#explorer-auth strong { margin-right: 1rem; }
#explorer-auth [hidden] { display: none; }
#explorer-token { min-width: 24rem; }
#explorer-status { color: #555; margin-left: auto; }
#graphiql { flex: 1; min-height: 0; }`;

/** The page. Values are escaped for their context; the configuration is data (type application/json), never run. */
export function explorerPage(config: ExplorerConfig): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>GraphiQL — ${htmlText(config.apiName)} (local AppSync)</title>
<link rel="stylesheet" href="${EXPLORER_STYLE_PATH}">
<style>${STYLE}</style>
</head>
<body>
<header id="explorer-auth"></header>
<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="explorer-config">${scriptJson(config)}</script>
<script type="module" src="${EXPLORER_SCRIPT_PATH}"></script>
</body>
</html>
`;
}

/** True when a GET should get the page rather than an API answer: a browser navigation asks for text/html. */
export function wantsHtml(acceptHeader: string | undefined): boolean {
  return (acceptHeader ?? '').toLowerCase().includes('text/html');
}
