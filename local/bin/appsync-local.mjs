#!/usr/bin/env node
// The package ships TypeScript. The command runs it compiled (compiled-package.mjs: compiled again whenever a source
// changed); where it cannot be compiled, tsx (a dependency) compiles it as it loads, as it does a TypeScript config.
import { compiledPackage } from './compiled-package.mjs';

const compiled = await compiledPackage();
let main;
if (compiled) {
  ({ main } = await import(compiled.cli));
} else {
  (await import('tsx/esm/api')).register();
  ({ main } = await import('../cli/main.ts'));
}
// Exit explicitly: a client library a function loaded may keep a handle open after the stack stopped.
process.exit(await main(process.argv.slice(2), process.cwd(), compiled?.index));
