import { codeResultCache } from './code-result-cache.ts';
import { esbuild } from './compiler-packages.ts';
import { instrument, type Insertion } from './instrument.ts';
import { decodeMappings } from './source-map-lookup.ts';
import { ModuleLoadError } from './signals.ts';

/** An APPSYNC_JS ES module turned into the body of a CommonJS function, plus what maps its positions back. */
export interface CompiledModule {
  /** Strict-mode function body taking `(exports, require, module, globalThis, __appsyncTick__)`. */
  body: string;
  /** Where the time-limit ticks were inserted into esbuild's output (line 1 excludes `STRICT_PREFIX`). */
  insertions: Insertion[];
  /** Decoded source map from `body` (line 1 starts with `STRICT_PREFIX`) to the original code. */
  mappings: ReturnType<typeof decodeMappings>;
}

/**
 * Prepended on the first line (not a line of its own) so line numbers stay those of esbuild's output; ES modules are
 * strict, and strict mode makes writes to the frozen shared globals fail loudly instead of silently.
 */
export const STRICT_PREFIX = '"use strict";';

/** Converts ESM to CommonJS (and instruments it for the time limit) once, so `import` becomes `require` calls that the runtime answers. */
export function compileModule(code: string, source: string): CompiledModule {
  return codeResultCache().get('module', code, () => compileUncached(code, source));
}

function compileUncached(code: string, source: string): CompiledModule {
  let output: { code: string; map: string };
  try {
    output = esbuild().transformSync(code, {
      format: 'cjs',
      loader: 'js',
      target: 'es2022',
      sourcemap: 'external',
      sourcefile: 'code.js',
      logLevel: 'silent',
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ModuleLoadError(source, detail);
  }
  const map = JSON.parse(output.map) as { mappings: string };
  const instrumented = instrument(output.code);
  return {
    body: STRICT_PREFIX + instrumented.code,
    insertions: instrumented.insertions,
    mappings: decodeMappings(map.mappings),
  };
}
