import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { bundleBudget } from './build-budget.ts';

/** Absolute path of `web/`, so the config works whatever the current directory (`vite build web`, the local stack). */
const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  // bundleBudget: the build prints its gzipped JavaScript sizes and fails over budget: 110 kB for the first load, 50 kB
  // for each page loaded on demand (see web/README.md).
  plugins: [vue(), bundleBudget()],
  // vue-i18n's build flags (its esm-bundler build asks for them): the Composition API only (legacy: false in
  // src/i18n), its components imported where used rather than installed globally, no devtools in production.
  define: {
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  // Keep Vite's dependency cache in the repository's node_modules instead of creating web/node_modules.
  cacheDir: fileURLToPath(new URL('../node_modules/.vite/web', import.meta.url)),
  // Transform the app's entry as soon as the dev server starts, so the first page load does not wait for it.
  server: { warmup: { clientFiles: ['./src/main.ts'] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The sign-in pages are loaded on demand; every browser the app supports preloads their chunks natively, so
    // Vite's modulepreload polyfill would only add to the first load.
    modulePreload: { polyfill: false },
  },
});
