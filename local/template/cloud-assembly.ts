import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AssetManifest } from './assets.ts';
import type { CfnTemplate } from './template-types.ts';

interface ManifestArtifact {
  type: string;
  properties?: { templateFile?: string; file?: string };
  dependencies?: string[];
}

/** One stack's files in a cloud assembly (a `cdk.out` directory). */
export interface StackArtifact {
  template: CfnTemplate;
  assetManifest: AssetManifest;
}

/** Reads `<Stack>.template.json` and its asset manifest through the assembly's `manifest.json`. */
export function readStackArtifact(assemblyDir: string, stackName: string): StackArtifact {
  const manifest = readJson<{ artifacts?: Record<string, ManifestArtifact> }>(join(assemblyDir, 'manifest.json'));
  const artifacts = manifest.artifacts ?? {};
  const stack = artifacts[stackName];
  if (stack?.type !== 'aws:cloudformation:stack' || !stack.properties?.templateFile) {
    const stacks = stackNames(assemblyDir);
    throw new Error(`Cloud assembly ${assemblyDir} has no stack '${stackName}' (stacks: ${stacks.join(', ') || 'none'})`);
  }
  const assetFiles = (stack.dependencies ?? [])
    .map((name) => artifacts[name])
    .filter((artifact) => artifact?.type === 'cdk:asset-manifest' && artifact.properties?.file)
    .map((artifact) => artifact?.properties?.file ?? '');
  const assetManifest: AssetManifest = { files: {} };
  for (const file of assetFiles) {
    Object.assign(assetManifest.files ?? {}, readJson<AssetManifest>(join(assemblyDir, file)).files);
  }
  return { template: readJson<CfnTemplate>(join(assemblyDir, stack.properties.templateFile)), assetManifest };
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The names of the assembly's stacks. */
export function stackNames(assemblyDir: string): string[] {
  const manifest = readJson<{ artifacts?: Record<string, ManifestArtifact> }>(join(assemblyDir, 'manifest.json'));
  return Object.entries(manifest.artifacts ?? {})
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([name]) => name);
}
