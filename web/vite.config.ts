import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { bundleBudget } from './build-budget.ts';

/** Absolute path of `web/`, so the config works whatever the current directory (`vite build web`, the local stack). */
const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  // bundleBudget: the build prints its gzipped JavaScript size and fails over 90 kB (see web/README.md).
  plugins: [vue(), bundleBudget()],
  // Keep Vite's dependency cache in the repository's node_modules instead of creating web/node_modules.
  cacheDir: fileURLToPath(new URL('../node_modules/.vite/web', import.meta.url)),
  // Transform the app's entry as soon as the dev server starts, so the first page load does not wait for it.
  server: { warmup: { clientFiles: ['./src/main.ts'] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
