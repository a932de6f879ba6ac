// The CommonJS half of the runtime's AWS SDK (function-host.mjs): `register()` hooks reach `import` only, but on
// Lambda an inline or CommonJS function's `require('@aws-sdk/client-sns')` works too (the runtime's NODE_PATH holds
// the SDK). When the function's own folder cannot resolve an `@aws-sdk/*` package, `require` resolves it from the SDK
// root, exactly as runtime-modules-hook.mjs does for `import`; every other package still has to be the function's.
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';

const PROVIDED = /^@aws-sdk\//;

/** Wraps Node's CommonJS resolver; call once per container, before the handler loads. */
export function provideRuntimeModulesToRequire(sdkRoot) {
  const resolveFromRuntime = createRequire(join(sdkRoot, '__runtime__.cjs')).resolve;
  // `_resolveFilename` is the one resolver every `require` goes through (module-alias and tsconfig-paths wrap it the
  // same way); Node 20 has no public synchronous resolve hook for CommonJS (module.registerHooks came in Node 22.15).
  const resolveFilename = Module._resolveFilename;
  let fallingBack = false;
  Module._resolveFilename = function resolveWithRuntimeModules(request, parent, isMain, options) {
    try {
      return resolveFilename.call(this, request, parent, isMain, options);
    } catch (error) {
      // The runtime's own lookup goes through this function too: never fall back from the fallback.
      if (fallingBack || !PROVIDED.test(request) || error?.code !== 'MODULE_NOT_FOUND') throw error;
      fallingBack = true;
      try {
        return resolveFromRuntime(request);
      } finally {
        fallingBack = false;
      }
    }
  };
}
