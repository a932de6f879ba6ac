/** Loads each resolver's and function's APPSYNC_JS module once; reload() starts over with new code. */
import type { AppSyncFunctionConfig, ResolverConfig } from '../../config.ts';
import { loadModule } from '../runtime/load-module.ts';
import type { LoadedModule } from '../runtime/types.ts';

/** Compiled modules, keyed by resolver field or function id. */
export class ModuleCache {
  private modules = new Map<string, LoadedModule>();

  /** The module of a resolver (compiled on first use; load errors propagate to the caller). */
  resolver(resolver: ResolverConfig): LoadedModule {
    return this.load(`resolver:${resolver.typeName}.${resolver.fieldName}`, resolver.code, resolver.codePath ?? `${resolver.typeName}.${resolver.fieldName}`);
  }

  /** The module of a pipeline function. */
  function(config: AppSyncFunctionConfig): LoadedModule {
    return this.load(`function:${config.id}`, config.code, config.codePath ?? config.name);
  }

  /** Forgets every module so changed code is compiled again. */
  clear(): void {
    this.modules = new Map();
  }

  private load(key: string, code: string, source: string): LoadedModule {
    let module = this.modules.get(key);
    if (!module) {
      module = loadModule(code, source);
      this.modules.set(key, module);
    }
    return module;
  }
}
