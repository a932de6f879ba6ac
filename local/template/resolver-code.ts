/**
 * The code of an AWS::AppSync::Resolver or FunctionConfiguration, whatever form the template gives it:
 * - APPSYNC_JS: inline `Code`, or the file asset behind `CodeS3Location`;
 * - VTL (mapping templates, no code): loads with a stub and an `unsupported` error (UnsupportedResolver) that every
 *   field needing it answers; full VTL support is planned (local/README.md);
 * - neither, on an AWS_LAMBDA data source: a direct Lambda resolver, run as AppSync's default request and response.
 */
import { readFileSync } from 'node:fs';
import type { UnsupportedFeature } from '../config.ts';
import { objectKeyOf } from './assets.ts';
import type { AssetSource } from './assets.ts';
import { DIRECT_LAMBDA_CODE, generatedCodePath, unsupportedStubCode } from './generated-code.ts';
import { evaluate, evaluateString } from './intrinsics.ts';
import type { StackScope } from './stack-scope.ts';
import type { NamedResource } from './template-types.ts';

/** The code-related part of a resolver's or function's configuration. */
export interface ResolverCode {
  code: string;
  codePath?: string;
  runtime: { name: 'APPSYNC_JS'; runtimeVersion: string };
  unsupported?: UnsupportedFeature;
}

/** Who the code belongs to, as messages name it. */
export interface CodeOwner {
  /** `Resolver Query.legacy` or `Pipeline function legacyStep`. */
  label: string;
  /** The type of the data source it calls (undefined for pipeline resolvers, which call none themselves). */
  dataSourceType?: string;
}

const TEMPLATE_PROPERTIES = [
  'RequestMappingTemplate',
  'RequestMappingTemplateS3Location',
  'ResponseMappingTemplate',
  'ResponseMappingTemplateS3Location',
];

const APPSYNC_JS_1 = { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' } as const;

/** Reads `resource`'s code (see the module comment for the three forms). */
export function resolverCode(
  resource: NamedResource,
  owner: CodeOwner,
  scope: StackScope,
  assets: Map<string, AssetSource>,
): ResolverCode {
  const p = resource.Properties ?? {};
  if (p.Code !== undefined || p.CodeS3Location !== undefined) {
    return { ...codeOf(resource, scope, assets), runtime: runtimeOf(resource, scope) };
  }
  if (TEMPLATE_PROPERTIES.some((property) => p[property] !== undefined)) {
    const unsupported = {
      errorType: 'UnsupportedResolver',
      message: `${owner.label} uses VTL mapping templates: VTL resolvers are not supported locally yet (the local engine runs APPSYNC_JS only)`,
    };
    return {
      code: unsupportedStubCode(unsupported.message, unsupported.errorType),
      codePath: generatedCodePath('VTL', owner.label),
      runtime: APPSYNC_JS_1,
      unsupported,
    };
  }
  if (owner.dataSourceType === 'AWS_LAMBDA') {
    return { code: DIRECT_LAMBDA_CODE, codePath: generatedCodePath('direct Lambda', owner.label), runtime: APPSYNC_JS_1 };
  }
  throw new Error(`AppSync ${resource.Type} ${resource.logicalId} has no Code, CodeS3Location or mapping template`);
}

/** Inline `Code`, or the file asset behind `CodeS3Location`. */
function codeOf(resource: NamedResource, scope: StackScope, assets: Map<string, AssetSource>): { code: string; codePath?: string } {
  const p = resource.Properties ?? {};
  if (p.Code !== undefined) return { code: evaluateString(p.Code, scope, `${resource.logicalId}.Code`) };
  const location = evaluateString(p.CodeS3Location, scope, `${resource.logicalId}.CodeS3Location`);
  const asset = assets.get(objectKeyOf(location));
  if (!asset || asset.packaging !== 'file') {
    throw new Error(`AppSync ${resource.Type} ${resource.logicalId}: ${location} is not a file asset of the cloud assembly`);
  }
  return { code: readFileSync(asset.path, 'utf8'), codePath: asset.path };
}

function runtimeOf(resource: NamedResource, scope: StackScope): { name: 'APPSYNC_JS'; runtimeVersion: string } {
  const runtime = evaluate(resource.Properties?.Runtime, scope) as { Name?: string; RuntimeVersion?: string } | undefined;
  if (runtime?.Name !== 'APPSYNC_JS') {
    throw new Error(
      `AppSync ${resource.Type} ${resource.logicalId}: runtime ${runtime?.Name ?? '(none)'} is not supported locally (APPSYNC_JS only)`,
    );
  }
  return { name: 'APPSYNC_JS', runtimeVersion: runtime.RuntimeVersion ?? '1.0.0' };
}
