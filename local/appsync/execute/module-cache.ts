/**
 * Loads each resolver's and function's module once (APPSYNC_JS code, or VTL mapping templates). A reload prepares a
 * new API with a cache of its own (prepared-api.ts), so changed code is compiled again.
 */
import type { AppSyncFunctionConfig, ResolverConfig } from '../../stack-description.ts';
import type { Clock } from '../runtime/clock.ts';
import { loadModule } from '../runtime/load-module.ts';
import type { LoadedModule } from '../runtime/types.ts';
import { loadVtlModule } from '../vtl/vtl-module.ts';

/** Compiled modules, keyed by resolver field or function id. */
export class ModuleCache {
  private readonly modules = new Map<string, LoadedModule>();

  /** @param clock - what the modules' `util.time` reads (the machine's clock when absent; runtime/clock.ts) */
  constructor(private readonly clock?: Clock) {}

  /** The module of a resolver (compiled on first use; load errors propagate to the caller). */
  resolver(resolver: ResolverConfig): LoadedModule {
    const field = `${resolver.typeName}.${resolver.fieldName}`;
    return this.load(`resolver:${field}`, resolver, `Resolver ${field}`, resolver.codePath ?? field);
  }

  /** The module of a pipeline function. */
  function(config: AppSyncFunctionConfig): LoadedModule {
    return this.load(`function:${config.id}`, config, `Pipeline function ${config.name}`, config.codePath ?? config.name);
  }

  private load(key: string, config: ResolverConfig | AppSyncFunctionConfig, label: string, source: string): LoadedModule {
    let module = this.modules.get(key);
    if (!module) {
      const { vtl, code } = config;
      const options = { clock: this.clock };
      module = vtl ? loadVtlModule(vtl, label, () => loadModule(code, source, options), this.clock) : loadModule(code, source, options);
      this.modules.set(key, module);
    }
    return module;
  }
}
