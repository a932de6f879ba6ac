import { isAbsolute, join } from 'node:path';

/** The `files` section of a CDK asset manifest (`<Stack>.assets.json`). */
export interface AssetManifest {
  files?: Record<
    string,
    {
      source: { path?: string; packaging?: 'file' | 'zip' };
      destinations: Record<string, { bucketName: string; objectKey: string }>;
    }
  >;
}

/** Where a deployed object (S3 key) came from in the cloud assembly. */
export interface AssetSource {
  /** Absolute path: a file (`packaging: file`) or a directory zipped on upload (`packaging: zip`). */
  path: string;
  packaging: 'file' | 'zip';
}

/** Maps each asset's S3 object key (`<hash>.js`, `<hash>.zip`) to its source in the assembly directory. */
export function indexAssets(manifest: AssetManifest, assemblyDir: string): Map<string, AssetSource> {
  const index = new Map<string, AssetSource>();
  for (const file of Object.values(manifest.files ?? {})) {
    if (!file.source.path) continue; // produced by an executable: nothing on disk to read
    const path = isAbsolute(file.source.path) ? file.source.path : join(assemblyDir, file.source.path);
    for (const destination of Object.values(file.destinations)) {
      index.set(destination.objectKey, { path, packaging: file.source.packaging ?? 'file' });
    }
  }
  return index;
}

/** The object key of `s3://bucket/key` (or a bare key). */
export function objectKeyOf(location: string): string {
  const match = /^s3:\/\/[^/]+\/(.+)$/.exec(location);
  return match?.[1] ?? location;
}
