/**
 * The explorer's routes on the engine: the page at `/` (and `/graphql` for a browser navigation) and its bundle under
 * `/explorer/`. The bundle is built on first need, never at start (`startAppSyncServer` listens at once): the page
 * request starts it, the script request waits for it. One load per process, shared by every engine in it.
 *
 * The page carries the API keys and the local IAM user's credentials, so it gets no CORS header (another origin can
 * neither read it nor its requests), is never cached, and may not be framed; the engine's Host check runs first.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultCacheRoot, loadExplorerBundle, type LoadedExplorerBundle } from './bundle-cache.ts';
import { bundleExplorer } from './bundle-explorer.ts';
import type { ExplorerConfig } from './explorer-config.ts';
import { EXPLORER_SCRIPT_PATH, EXPLORER_STYLE_PATH, explorerPage, wantsHtml } from './explorer-page.ts';

/**
 * Same origin only (WebSocket included: CSP's 'self' matches ws: on the page's host); inline styles because
 * GraphiQL and its animations set style attributes; data: fonts and images are inlined in GraphiQL's CSS.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
};

const PAGE_HEADERS = {
  ...COMMON_HEADERS,
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

let loading: Promise<LoadedExplorerBundle> | undefined;

/** The bundle of this process (memoized; a failure is forgotten so the next request tries again). */
function explorerBundle(): Promise<LoadedExplorerBundle> {
  if (!loading) {
    const root = defaultCacheRoot();
    loading = loadExplorerBundle({ root, build: bundleExplorer }).then(
      (bundle) => {
        if (bundle.from === 'build') console.log(`[appsync] explorer: GraphiQL bundled in ${Math.round(bundle.ms)} ms, cached in ${root}`);
        return bundle;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
  }
  return loading;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

async function sendAsset(request: IncomingMessage, response: ServerResponse, kind: 'js' | 'css'): Promise<void> {
  let bundle: LoadedExplorerBundle;
  try {
    bundle = await explorerBundle();
  } catch (error) {
    console.error(`[appsync] explorer: the GraphiQL bundle failed: ${error instanceof Error ? error.message : String(error)}`);
    const message = `The explorer could not be bundled (${firstLine(error)}); see the engine's log.`;
    // A script the page runs, so the reason shows where GraphiQL would have (a failed module script shows nothing).
    const body = kind === 'js' ? `document.getElementById('graphiql').textContent = ${JSON.stringify(message)};\n` : '';
    response.writeHead(200, { ...COMMON_HEADERS, 'content-type': kind === 'js' ? 'text/javascript' : 'text/css', 'cache-control': 'no-store' });
    response.end(body);
    return;
  }
  const etag = `"${bundle.key}"`;
  const headers = { ...COMMON_HEADERS, etag, 'cache-control': 'no-cache' };
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, headers).end();
    return;
  }
  const body = kind === 'js' ? bundle.js : bundle.css;
  response.writeHead(200, { ...headers, 'content-type': kind === 'js' ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8', 'content-length': body.length });
  response.end(body);
}

/**
 * Answers a GET that is the explorer's (true), or leaves it to the API routes (false). `config` is read per page
 * request, so a hot-reloaded API shows its current keys and modes.
 */
export function handleExplorerGet(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  options: { graphqlPath: string; config: () => ExplorerConfig },
): boolean {
  if (path === '/' || (path === options.graphqlPath && wantsHtml(request.headers.accept))) {
    // Start the bundle now: by the time the browser asks for the script, it is under way or done.
    explorerBundle().catch(() => undefined);
    response.writeHead(200, PAGE_HEADERS).end(explorerPage(options.config()));
    return true;
  }
  if (path === EXPLORER_SCRIPT_PATH || path === EXPLORER_STYLE_PATH) {
    sendAsset(request, response, path === EXPLORER_SCRIPT_PATH ? 'js' : 'css').catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
    return true;
  }
  return false;
}
