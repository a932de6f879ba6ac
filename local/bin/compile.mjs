/**
 * The package's `prepare` script: `npm ci` and `npm install` run it in a workspace (and `npm pack` before packing), so
 * a fresh clone's first `appsync-local start` finds the package compiled instead of compiling it first (~0.7 s on a
 * 2-core machine). Never fails an install: where it cannot compile, the command compiles at its start, or runs the
 * sources through tsx, as before (compiled-package.mjs).
 */
import { compiledPackage } from './compiled-package.mjs';

await compiledPackage();
