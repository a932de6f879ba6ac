/** Hot reload of the local stack (`npm start`, on unless `--no-watch`). */
export { stableLocalValues } from './stable-local-values.ts';
export { watchLocalStack, type StackWatcher, type WatchStackOptions } from './watch-stack.ts';
