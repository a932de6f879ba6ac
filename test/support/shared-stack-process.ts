/**
 * The shared end-to-end stack in a process of its own (started by test/support/global-setup.ts): the stack as
 * `npm start` runs it, on free ports and in-memory data, with the load tests' send budgets (LOAD_CONTEXT). Sends its
 * endpoints to the parent over IPC once it serves; stops when told (SIGTERM) or when the parent goes away.
 *
 * Why a process and not vitest's main process: there the engine ran through Vite's module runner and shared one
 * thread with vitest's own work; here it runs as `npm start` runs it (tsx), measured at about a fifth less CPU per
 * request on test/attacks.test.ts.
 */
import { LOAD_CONTEXT } from './load-context.ts';
import { startOtpStack } from './otp-stack.ts';

// test/support/shared-assembly.ts reads the app synthesized here.
const stack = await startOtpStack({ stateDir: '.local/test-stack', web: true, log: () => {}, context: { ...LOAD_CONTEXT } });
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void stack.stop().finally(() => process.exit(0));
};
// The parent asks over IPC: a SIGTERM would also reach the handlers other parts register (Vite's dev server exits the
// process on SIGTERM), which end the process before DynamoDB Local and the function hosts are stopped.
process.on('message', (message: { stop?: boolean }) => {
  if (message?.stop) stop();
});
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// vitest killed without its teardown: never leave DynamoDB Local, the Lambda hosts or Vite behind.
process.once('disconnect', stop);
process.send?.({ endpoints: stack.endpoints });
