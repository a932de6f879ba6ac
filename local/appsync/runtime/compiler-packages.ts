import { createRequire } from 'node:module';

/**
 * The packages that compile APPSYNC_JS code, required on first use: the code cache (code-result-cache.ts) answers for
 * code compiled before, so a warm start needs neither, and importing the engine (a config file imports the package
 * index before `appsync-local start` spawns DynamoDB Local's JVM) no longer loads them (~65 ms together).
 */
const require = createRequire(import.meta.url);

export const acorn = (): typeof import('acorn') => require('acorn') as typeof import('acorn');
export const esbuild = (): typeof import('esbuild') => require('esbuild') as typeof import('esbuild');
