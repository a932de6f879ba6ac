#!/usr/bin/env node
// The package ships TypeScript: tsx (a dependency) compiles it as it loads, here and for a TypeScript config file.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
// Exit explicitly: a client library a function loaded may keep a handle open after the stack stopped.
process.exit(await main(process.argv.slice(2)));
