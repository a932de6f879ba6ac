#!/usr/bin/env node
// The package ships TypeScript. The command runs it compiled (compiled-package.mjs: compiled again whenever a source
// changed); where it cannot be compiled, tsx (a dependency) compiles it as it loads, as it does a TypeScript config.
import { compiledPackage } from './compiled-package.mjs';

// APPSYNC_LOCAL_COMPILED_DIR: where the output goes instead of dist/, inside the package so that the compiled modules
// find its dependencies (the bench times a first start's compile with it).
const compiled = await compiledPackage({ root: process.env.APPSYNC_LOCAL_COMPILED_DIR || undefined });
let main;
if (compiled) {
  ({ main } = await import(compiled.cli));
} else {
  (await import('tsx/esm/api')).register();
  ({ main } = await import('../cli/main.ts'));
}
// Exit explicitly: a client library a function loaded may keep a handle open after the stack stopped.
process.exit(await main(process.argv.slice(2), process.cwd(), compiled?.index));
