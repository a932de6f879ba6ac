// The "container" of one local Lambda function: a child process started by function-runner.ts with the
// function's environment only. Plain JavaScript run by plain `node` on purpose: a TypeScript loader (tsx) in
// this process would change how the function's own code is resolved and compiled, unlike the Lambda runtime.
// Protocol: see host-protocol.ts. argv: <codeDir> <handler e.g. index.handler> <sdkRoot> [clockOffsetMs]
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClockDate } from './clock-date.mjs';
import { provideRuntimeModulesToRequire } from './runtime-modules-require.mjs';

const [codeDir, handlerSetting, sdkRoot, launchClockOffset] = process.argv.slice(2);
/** The machine's time, whatever the function sees: the deadline is kept on it (the runner's timer is). */
const machineNow = Date.now;

/** The stand-in global Date, once the runner has a stack clock (clock-date.mjs); never installed without one. */
let clockDate;
function followStackClock(offsetMs) {
  if (!clockDate) {
    clockDate = createClockDate(Date);
    // Replaced on the global object, which is where every `Date` in the function's code is looked up at each use.
    globalThis.Date = clockDate.ClockDate;
    // `new someDate.constructor()` is "now" too.
    Object.defineProperty(clockDate.ClockDate.prototype, 'constructor', { value: clockDate.ClockDate, writable: true, configurable: true });
  }
  clockDate.setOffset(offsetMs);
}
// Installed before the handler loads, so module-level code (init) sees the stack's time as well.
if (launchClockOffset !== undefined) followStackClock(Number(launchClockOffset));

if (sdkRoot) {
  // Lambda's Node.js runtime provides AWS SDK v3, so bundles keep `@aws-sdk/*` external. Offline, resolve those
  // imports from sdkRoot (a folder whose node_modules holds the SDK) when the code folder cannot: `import` through
  // the resolve hook, `require` (CommonJS and inline functions) through the CommonJS resolver.
  register('./runtime-modules-hook.mjs', import.meta.url, { data: { sdkRoot } });
  provideRuntimeModulesToRequire(sdkRoot);
}

/** @returns {{ errorType: string, errorMessage: string }} */
function describeError(error) {
  if (error instanceof Error) return { errorType: error.name || 'Error', errorMessage: error.message };
  return { errorType: typeof error === 'string' ? 'string' : typeof error, errorMessage: String(error) };
}

function send(message) {
  process.send?.(message);
}

async function loadHandler() {
  const dot = handlerSetting.lastIndexOf('.');
  const moduleName = handlerSetting.slice(0, dot);
  const exportName = handlerSetting.slice(dot + 1);
  // Same order as the Lambda Node.js runtime: .js, .mjs, .cjs.
  const file = ['.js', '.mjs', '.cjs'].map((extension) => join(codeDir, moduleName + extension)).find(existsSync);
  if (!file) {
    throw Object.assign(new Error(`Cannot find module '${moduleName}'`), { name: 'Runtime.ImportModuleError' });
  }
  const module = await import(pathToFileURL(file).href);
  const handler = module[exportName] ?? module.default?.[exportName];
  if (typeof handler !== 'function') {
    throw Object.assign(new Error(`${handlerSetting} is undefined or not exported`), {
      name: 'Runtime.HandlerNotFound',
    });
  }
  return handler;
}

function makeContext(message) {
  return {
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: message.invokedFunctionArn,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: message.requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, message.deadlineMs - machineNow()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function runHandler(handler, event, context) {
  // Callback-style handlers (three parameters) are still supported by the nodejs20.x runtime.
  if (handler.length >= 3) {
    return new Promise((resolve, reject) => {
      const result = handler(event, context, (error, value) => (error ? reject(error) : resolve(value)));
      if (result && typeof result.then === 'function') result.then(resolve, reject);
    });
  }
  return Promise.resolve().then(() => handler(event, context));
}

const initStarted = performance.now();
let handler;
try {
  handler = await loadHandler();
  send({ type: 'ready', initDurationMs: performance.now() - initStarted });
} catch (error) {
  const { errorType, errorMessage } = describeError(error);
  console.error(`INIT_ERROR ${errorType}: ${errorMessage}`);
  send({ type: 'init-error', errorType, errorMessage });
}

process.on('message', async (message) => {
  if (message?.type !== 'invoke' || !handler) return;
  try {
    // The stack's clock as it reads at dispatch; absent when the stack runs on the machine's time.
    if (message.clockOffsetMs !== undefined) followStackClock(message.clockOffsetMs);
    const result = await runHandler(handler, message.event, makeContext(message));
    send({ type: 'result', requestId: message.requestId, result: result === undefined ? null : result });
  } catch (error) {
    send({ type: 'error', requestId: message.requestId, ...describeError(error) });
  }
});

// The parent closing the IPC channel means the runner is gone: end with it, like a frozen sandbox being reclaimed.
process.on('disconnect', () => process.exit(0));
