/**
 * The code of an AWS::AppSync::Resolver or FunctionConfiguration, whatever form the template gives it:
 * - APPSYNC_JS: inline `Code`, or the file asset behind `CodeS3Location`;
 * - VTL (`RequestMappingTemplate` / `ResponseMappingTemplate`, inline or as `*S3Location` file assets, no code): the
 *   templates, run by the engine's VTL renderer (appsync/vtl/); `code` then holds what a missing template stands for
 *   (a direct Lambda request/response on an AWS_LAMBDA data source, else a pass-through);
 * - neither, on an AWS_LAMBDA data source: a direct Lambda resolver, run as AppSync's default request and response.
 */
import { readFileSync } from 'node:fs';
import type { VtlTemplatesConfig } from '../stack-description.ts';
import { objectKeyOf } from './assets.ts';
import type { AssetSource } from './assets.ts';
import { DIRECT_LAMBDA_CODE, generatedCodePath, VTL_DEFAULT_CODE } from './generated-code.ts';
import { evaluate, evaluateString } from './intrinsics.ts';
import type { StackScope } from './stack-scope.ts';
import type { NamedResource } from './template-types.ts';

/** The code-related part of a resolver's or function's configuration. */
export interface ResolverCode {
  code: string;
  codePath?: string;
  runtime: { name: 'APPSYNC_JS'; runtimeVersion: string };
  /** Set for VTL resolvers and functions: the mapping templates that run instead of `code`. */
  vtl?: VtlTemplatesConfig;
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

/** Where each side's template may be: inline, or a file asset. */
const TEMPLATE_SOURCES = {
  request: ['RequestMappingTemplate', 'RequestMappingTemplateS3Location'],
  response: ['ResponseMappingTemplate', 'ResponseMappingTemplateS3Location'],
} as const;

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
    return {
      code: owner.dataSourceType === 'AWS_LAMBDA' ? DIRECT_LAMBDA_CODE : VTL_DEFAULT_CODE,
      codePath: generatedCodePath('VTL', owner.label),
      runtime: APPSYNC_JS_1,
      vtl: templatesOf(resource, scope, assets),
    };
  }
  if (owner.dataSourceType === 'AWS_LAMBDA') {
    return { code: DIRECT_LAMBDA_CODE, codePath: generatedCodePath('direct Lambda', owner.label), runtime: APPSYNC_JS_1 };
  }
  throw new Error(`AppSync ${resource.Type} ${resource.logicalId} has no Code, CodeS3Location or mapping template`);
}

/** The request and response mapping templates, each inline or read from its file asset (absent when not given). */
function templatesOf(resource: NamedResource, scope: StackScope, assets: Map<string, AssetSource>): VtlTemplatesConfig {
  const p = resource.Properties ?? {};
  const templates: VtlTemplatesConfig = {};
  for (const side of ['request', 'response'] as const) {
    const [inline, s3] = TEMPLATE_SOURCES[side];
    if (p[inline] !== undefined) templates[side] = evaluateString(p[inline], scope, `${resource.logicalId}.${inline}`);
    else if (p[s3] !== undefined) templates[side] = readAsset(resource, evaluateString(p[s3], scope, `${resource.logicalId}.${s3}`), assets).code;
  }
  return templates;
}

/** The text of the file asset behind an S3 location of the cloud assembly. */
function readAsset(resource: NamedResource, location: string, assets: Map<string, AssetSource>): { code: string; codePath: string } {
  const asset = assets.get(objectKeyOf(location));
  if (!asset || asset.packaging !== 'file') {
    throw new Error(`AppSync ${resource.Type} ${resource.logicalId}: ${location} is not a file asset of the cloud assembly`);
  }
  return { code: readFileSync(asset.path, 'utf8'), codePath: asset.path };
}

/** Inline `Code`, or the file asset behind `CodeS3Location`. */
function codeOf(resource: NamedResource, scope: StackScope, assets: Map<string, AssetSource>): { code: string; codePath?: string } {
  const p = resource.Properties ?? {};
  if (p.Code !== undefined) return { code: evaluateString(p.Code, scope, `${resource.logicalId}.Code`) };
  return readAsset(resource, evaluateString(p.CodeS3Location, scope, `${resource.logicalId}.CodeS3Location`), assets);
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
