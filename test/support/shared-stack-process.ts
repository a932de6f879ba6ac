/**
 * The shared end-to-end stack in a process of its own (started by test/support/global-setup.ts): the stack as
 * `npm start` runs it, on free ports and in-memory data, with the load tests' send budgets (LOAD_CONTEXT). Sends its
 * endpoints to the parent once it serves, and stops when told or when the parent goes away (./service-process.ts).
 *
 * Why a process and not vitest's main process: there the engine ran through Vite's module runner and shared one
 * thread with vitest's own work; here it runs as `npm start` runs it (tsx), measured at about a fifth less CPU per
 * request on test/attacks.test.ts.
 */
import { LOAD_CONTEXT } from './load-context.ts';
import { startOtpStack, type OtpEndpoints } from './otp-stack.ts';
import { serveParent } from './service-process.ts';

// test/support/shared-assembly.ts reads the app synthesized here.
const stack = await startOtpStack({ stateDir: '.local/test-stack', web: true, log: () => {}, context: { ...LOAD_CONTEXT } });
serveParent<OtpEndpoints>(stack.endpoints, () => stack.stop());
