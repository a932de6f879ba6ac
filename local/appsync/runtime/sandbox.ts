import vm from 'node:vm';
import { TimeoutSignal } from './signals.ts';

/** Name of the in-context entry point; only the runtime's own scripts call it. */
const INVOKE_GLOBAL = '__appsyncInvoke__';

/**
 * Defines the in-context entry point. It instantiates the module afresh on every call (module-level variables never
 * leak from one evaluation to the next, as in AppSync where each evaluation starts clean), parses ctx inside the
 * context (the handler's objects belong to the context's realm and are a deep copy of the caller's), and reports
 * through `bridge` so the host can read the stash even when the handler stopped half-way.
 */
const SETUP_SOURCE = `(function (factory, requireModule, bridge) {
  'use strict';
  const parse = JSON.parse;
  const keys = Object.keys;
  const now = Date.now;
  let ticks = 0;
  let deadline = Infinity;
  // Reading the clock costs more than the tick itself, so look at it every 1024 ticks; once past the deadline every
  // further tick throws again (ticks stays at the threshold), so the limit holds even if code swallowed the first throw.
  const tick = function () {
    if (++ticks < 1024) return;
    ticks = 1023;
    if (now() > deadline) throw bridge.timeoutSignal;
    ticks = 0;
  };
  return function ${INVOKE_GLOBAL}() {
    const call = bridge.call;
    ticks = 0;
    deadline = call.timeoutMs > 0 ? now() + call.timeoutMs : Infinity;
    const module = { exports: {} };
    factory(module.exports, requireModule, module, bridge.standIn, tick);
    if (call.handler === null) {
      bridge.exportNames = keys(module.exports).filter((name) => typeof module.exports[name] === 'function');
      return;
    }
    const handler = module.exports[call.handler];
    const ctx = parse(call.ctxJson);
    if (call.aliasArgs) ctx.args = ctx.arguments;
    bridge.ctx = ctx;
    bridge.result = handler(ctx);
  };
})`;

/**
 * Freezes every global and its prototype: the context is shared by all evaluations of one module (a fresh context costs
 * ~1 ms, far above the evaluation budget), so nothing a handler does to a built-in may reach the next evaluation.
 * The global object itself cannot be frozen in a Node 20 vm context (V8 answers "Cannot freeze"), so the module is
 * handed a frozen stand-in named `globalThis` (see `GLOBAL_STAND_IN`) and runs in strict mode, where an assignment to an
 * undeclared name throws. Rebinding a built-in global (`Math = …`) would still persist; APPSYNC_JS code has no reason to.
 */
const FREEZE_SOURCE = `(function () {
  'use strict';
  const freeze = Object.freeze;
  const getProto = Object.getPrototypeOf;
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    const value = globalThis[name];
    if (value === null || value === globalThis || (typeof value !== 'object' && typeof value !== 'function')) continue;
    freeze(value);
    if (typeof value === 'function' && value.prototype) freeze(value.prototype);
  }
  freeze(getProto(function () {}));
  freeze(getProto([][Symbol.iterator]()));
  freeze(getProto(getProto([][Symbol.iterator]())));
  freeze(getProto(''[Symbol.iterator]()));
  freeze(getProto(new Map().entries()));
  freeze(getProto(new Set().values()));
  const standIn = Object.create(null);
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    if (name !== '${INVOKE_GLOBAL}') standIn[name] = globalThis[name];
  }
  standIn.globalThis = standIn;
  return freeze(standIn);
})()`;

const setupScript = new vm.Script(SETUP_SOURCE, { filename: 'appsync-runtime-setup.js' });
const freezeScript = new vm.Script(FREEZE_SOURCE, { filename: 'appsync-runtime-freeze.js' });
const NO_DISPLAY_ERRORS: vm.RunningScriptOptions = { displayErrors: false };
const invokeScript = new vm.Script(`${INVOKE_GLOBAL}()`, { filename: 'appsync-runtime-invoke.js' });

/** The module body compiled as a function of `(exports, require, module, globalThis, tick)`. */
export type ModuleFactory = (...args: unknown[]) => unknown;

/** What the in-context entry point reads (`call`) and writes (the rest). Host-side object. */
export interface Bridge {
  /** `handler` null: only instantiate the module and list its exported functions. */
  call: { handler: string | null; ctxJson: string; aliasArgs: boolean; timeoutMs: number };
  exportNames: string[];
  /** The ctx object the handler received (context realm), for reading the stash afterwards. */
  ctx: { stash?: unknown } | null;
  result: unknown;
  /** The frozen object the module sees as `globalThis`. */
  standIn: unknown;
  /** Thrown by the tick once the deadline passed. */
  timeoutSignal: TimeoutSignal;
}

/** A frozen context holding one module, and a way to run its entry point under a time limit. */
export interface Sandbox {
  bridge: Bridge;
  /**
   * Runs the entry point as described by `bridge.call`. `hardTimeoutMs` > 0 adds Node's vm watchdog (costly, see
   * instrument.ts). Throws whatever the module threw.
   */
  run(hardTimeoutMs: number): void;
}

/**
 * Creates the context for one module.
 * @param compileFactory - compiles the module body inside the given context (so its objects belong to that realm)
 * @param requireModule - answers the module's `require` calls
 * @param globals - extra globals (`console`)
 */
export function createSandbox(
  compileFactory: (context: vm.Context) => ModuleFactory,
  requireModule: (name: string) => unknown,
  globals: Record<string, unknown>,
): Sandbox {
  const context = vm.createContext({ ...globals }, { codeGeneration: { strings: false, wasm: false } });
  const factory = compileFactory(context);
  const bridge: Bridge = {
    call: { handler: null, ctxJson: '', aliasArgs: false, timeoutMs: 0 },
    exportNames: [],
    ctx: null,
    result: undefined,
    standIn: null,
    timeoutSignal: new TimeoutSignal(),
  };
  const makeInvoke = setupScript.runInContext(context) as (f: ModuleFactory, r: unknown, b: Bridge) => () => void;
  Object.defineProperty(context, INVOKE_GLOBAL, { value: makeInvoke(factory, requireModule, bridge) });
  bridge.standIn = freezeScript.runInContext(context);
  return {
    bridge,
    run(hardTimeoutMs) {
      // displayErrors off: Node would otherwise decorate every error leaving the context with its source line,
      // reading the file through the source map each time — runtime.earlyReturn and util.error throw on purpose.
      invokeScript.runInContext(context, hardTimeoutMs > 0 ? { timeout: hardTimeoutMs, displayErrors: false } : NO_DISPLAY_ERRORS);
    },
  };
}
