/**
 * Finds the resolvers in this folder and bundles each handler file into one APPSYNC_JS module with esbuild.
 * Used by the construct package's build (infra/build/build-package.ts).
 *
 * Layout (aws-appsync-resolver-samples' naming): `Type.field.[source].ts` is a unit resolver on data source `source`;
 * a `Type.field/` folder is a pipeline whose `resolver.ts` holds the before/after handlers and whose
 * `N-name.[source].ts` files are its functions, run in the order of N. `N..M-name.[source].ts` is one function run
 * at each of the positions N to M (a step repeated over a bounded list, e.g. one check per stored code): it is listed
 * once per position as `N-name`, `N+1-name`, …, so the construct deploys one AppSync function per position. The
 * construct maps each `source` name to one of its data sources.
 */
import { buildSync } from 'esbuild';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One resolver found in the resolvers folder. */
export interface ResolverSource {
  typeName: string;
  fieldName: string;
  kind: 'UNIT' | 'PIPELINE';
  /** UNIT: the data source its file names. */
  dataSource?: string;
  /** Absolute path of the unit resolver, or of the pipeline's resolver.ts. */
  entry: string;
  /** Pipeline functions in execution order (empty for a unit resolver); `name` is the file name without data source and `.ts`. */
  functions: { name: string; dataSource: string; entry: string }[];
}

/** A resolver after bundling, with the path of each written module. */
export interface BundledResolver extends Omit<ResolverSource, 'functions'> {
  outfile: string;
  functions: { name: string; dataSource: string; entry: string; outfile: string }[];
}

/** Absolute path of resolvers/. */
export const resolversDir: string = dirname(fileURLToPath(import.meta.url));

/** Folders and files in resolvers/ that are not resolvers. */
const NOT_RESOLVERS = new Set(['lib', 'generated', 'build.ts']);
/** `Type.field`: a GraphQL type name and a field name (a pipeline's folder). */
const RESOLVER_NAME = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/;
/** `Type.field.[source].ts`: a unit resolver on data source `source`. */
const UNIT_FILE = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\.\[([a-z][a-z0-9-]*)\]\.ts$/;
/** `N-name.[source].ts` (or `N..M-name.[source].ts`): a pipeline function at position N (to M), on data source `source`. */
const FUNCTION_FILE = /^(\d+)(?:\.\.(\d+))?-([A-Za-z0-9_-]+)\.\[([a-z][a-z0-9-]*)\]\.ts$/;

/**
 * Lists the resolvers under `dir` (default: resolvers/), sorted by type and field name.
 *
 * @example discoverResolvers() // [{ typeName: 'Mutation', fieldName: 'generateOtp', kind: 'UNIT', ... }, ...]
 */
export function discoverResolvers(dir: string = resolversDir): ResolverSource[] {
  const found: ResolverSource[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (NOT_RESOLVERS.has(name) || name.endsWith('.test.ts') || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      const match = RESOLVER_NAME.exec(name);
      if (!match) continue;
      found.push(discoverPipeline(path, match[1] as string, match[2] as string));
    } else if (name.endsWith('.ts')) {
      const match = UNIT_FILE.exec(name);
      if (!match) throw new Error(`${path} is not named Type.field.[dataSource].ts`);
      found.push({ typeName: match[1] as string, fieldName: match[2] as string, kind: 'UNIT', dataSource: match[3] as string, entry: path, functions: [] });
    }
  }
  return found;
}

function discoverPipeline(dir: string, typeName: string, fieldName: string): ResolverSource {
  const files = readdirSync(dir);
  if (!files.includes('resolver.ts')) {
    throw new Error(`Pipeline folder ${dir} has no resolver.ts (the before/after handlers).`);
  }
  const functions = files
    .filter((file) => !file.endsWith('.test.ts') && file !== 'resolver.ts' && file.endsWith('.ts'))
    .flatMap((file) => {
      const match = FUNCTION_FILE.exec(file);
      if (!match) throw new Error(`${join(dir, file)} is not named N-name.[dataSource].ts`);
      const first = Number(match[1]);
      const last = match[2] === undefined ? first : Number(match[2]);
      if (match[2] !== undefined && last <= first) throw new Error(`${join(dir, file)}: a range N..M needs M > N`);
      return Array.from({ length: last - first + 1 }, (_, index) => first + index).map((order) => ({
        order,
        name: `${order}-${match[3]}`,
        dataSource: match[4] as string,
        entry: join(dir, file),
      }));
    })
    .sort((a, b) => a.order - b.order);
  const orders = functions.map((fn) => fn.order);
  if (new Set(orders).size !== orders.length) {
    throw new Error(`Pipeline folder ${dir} has two functions with the same number: ${functions.map((fn) => fn.name).join(', ')}`);
  }
  if (functions.length === 0) throw new Error(`Pipeline folder ${dir} has no N-name.ts functions.`);
  return {
    typeName,
    fieldName,
    kind: 'PIPELINE',
    entry: join(dir, 'resolver.ts'),
    functions: functions.map(({ name, dataSource, entry }) => ({ name, dataSource, entry })),
  };
}

/** AppSync's limit on a resolver's or function's code (CreateResolver `code`: 1 to 32,768 characters). */
export const MAX_RESOLVER_CODE_LENGTH = 32_768;

/**
 * Bundles one handler file into a single ES module for APPSYNC_JS and returns its code. `@aws-appsync/utils` stays
 * an import (AppSync provides it); `target: esnext` keeps esbuild from down-levelling syntax into helpers (classes,
 * generators) that APPSYNC_JS refuses. The inline source map (without sources) lets AppSync point at the .ts line;
 * it is left out of a bundle it would push past AppSync's size limit (the code is not minified, so its own line
 * numbers stay readable), and a bundle over the limit even without it is an error here rather than at deployment.
 */
export function bundleResolver(entry: string): string {
  const withMap = bundle(entry, true);
  if (withMap.length <= MAX_RESOLVER_CODE_LENGTH) return withMap;
  const code = bundle(entry, false);
  if (code.length > MAX_RESOLVER_CODE_LENGTH) {
    throw new Error(`${entry} bundles to ${code.length} characters; AppSync accepts at most ${MAX_RESOLVER_CODE_LENGTH}.`);
  }
  return code;
}

function bundle(entry: string, sourceMap: boolean): string {
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    target: 'esnext',
    platform: 'node',
    external: ['@aws-appsync/utils'],
    sourcemap: sourceMap ? 'inline' : false,
    sourcesContent: false,
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return output.text;
}

/**
 * Bundles every resolver into `outDir`: `<Type>.<field>.js` for each unit resolver and pipeline resolver, and
 * `<Type>.<field>.<N-name>.js` for each pipeline function (a function at several positions is bundled once).
 */
export function bundleAll(outDir: string, dir: string = resolversDir): BundledResolver[] {
  mkdirSync(outDir, { recursive: true });
  const bundles = new Map<string, string>();
  const writeBundleOf = (entry: string, outfile: string) => {
    if (!bundles.has(entry)) bundles.set(entry, bundleResolver(entry));
    writeFileSync(outfile, bundles.get(entry) as string);
  };
  return discoverResolvers(dir).map((source) => {
    const base = `${source.typeName}.${source.fieldName}`;
    const outfile = resolve(outDir, `${base}.js`);
    writeBundleOf(source.entry, outfile);
    const functions = source.functions.map((fn) => {
      const fnOutfile = resolve(outDir, `${base}.${fn.name}.js`);
      writeBundleOf(fn.entry, fnOutfile);
      return { ...fn, outfile: fnOutfile };
    });
    return { ...source, outfile, functions };
  });
}
