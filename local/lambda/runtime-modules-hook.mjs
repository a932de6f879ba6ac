// Module resolution hook for function-host.mjs (registered with node:module register()): when the function's
// code cannot resolve an AWS SDK package, resolve it from the SDK root folder, as the Lambda runtime does.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

let runtimeParentUrl;

export function initialize(data) {
  // Resolving as if imported from a file inside sdkRoot makes Node search sdkRoot/node_modules (and its parents).
  runtimeParentUrl = pathToFileURL(join(data.sdkRoot, '__runtime__.mjs')).href;
}

const PROVIDED = /^@aws-sdk\//;

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (!runtimeParentUrl || !PROVIDED.test(specifier) || error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return nextResolve(specifier, { ...context, parentURL: runtimeParentUrl });
  }
}
