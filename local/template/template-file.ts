/**
 * A plain CloudFormation template (JSON or YAML) as the stack to run, for apps that are not CDK apps. Code and
 * definitions may be inline or local files, the way `aws cloudformation package` takes them before upload: a
 * relative path (to the template's folder) in `CodeS3Location`, `DefinitionS3Location`, the `*MappingTemplateS3Location`
 * properties, or a Lambda function's `Code` (a folder, or `Code.S3Key`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type { StackDescription } from '../stack-description.ts';
import type { AssetSource } from './assets.ts';
import { CLOUDFORMATION_TAGS } from './cloudformation-yaml.ts';
import type { LocalValues } from './local-values.ts';
import { readTemplate } from './read-stack.ts';
import type { CfnTemplate } from './template-types.ts';

/** Properties whose string value may name a local file to upload, by resource type. */
const FILE_PROPERTIES: Record<string, readonly string[]> = {
  'AWS::AppSync::GraphQLSchema': ['DefinitionS3Location'],
  'AWS::AppSync::Resolver': ['CodeS3Location', 'RequestMappingTemplateS3Location', 'ResponseMappingTemplateS3Location'],
  'AWS::AppSync::FunctionConfiguration': ['CodeS3Location', 'RequestMappingTemplateS3Location', 'ResponseMappingTemplateS3Location'],
};

/**
 * The `yaml` package (72 modules, ~60 ms to load), required when a YAML template is read: the package's index (a
 * config file imports it for defineConfig) is loaded before `appsync-local start` spawns DynamoDB Local's JVM.
 */
const yaml = (): typeof import('yaml') => createRequire(import.meta.url)('yaml') as typeof import('yaml');

/** Reads a template file: JSON, or YAML with CloudFormation's short-form tags (`!Ref`, `!GetAtt`, `!Sub`, …). */
function parseTemplateFile(path: string): CfnTemplate {
  const text = readFileSync(path, 'utf8');
  if (/^\s*\{/.test(text)) return JSON.parse(text) as CfnTemplate;
  const template = yaml().parse(text, { customTags: CLOUDFORMATION_TAGS, schema: 'core' }) as unknown;
  if (!template || typeof template !== 'object' || !('Resources' in template)) {
    throw new Error(`${path} is not a CloudFormation template (no Resources)`);
  }
  return template as CfnTemplate;
}

/**
 * Reads the template at `path` into the configuration the local stack runs.
 * @param workDir where inline Lambda code is written.
 */
export function readTemplateFile(path: string, stackName: string, local: LocalValues, workDir: string): StackDescription {
  const template = parseTemplateFile(path);
  const baseDir = dirname(resolve(path));
  return readTemplate(withLambdaCodeKeys(template), { stackName, local, workDir, assets: localFileAssets(template, baseDir) });
}

/** Every local path the template names where an upload location goes, as the assets readTemplate looks up. */
function localFileAssets(template: CfnTemplate, baseDir: string): Map<string, AssetSource> {
  const assets = new Map<string, AssetSource>();
  const add = (value: unknown) => {
    if (typeof value !== 'string' || value.startsWith('s3://')) return;
    const path = resolve(baseDir, value);
    if (!existsSync(path)) return;
    assets.set(value, { path, packaging: statSync(path).isDirectory() ? 'zip' : 'file' });
  };
  for (const resource of Object.values(template.Resources ?? {})) {
    const properties = resource.Properties ?? {};
    for (const name of FILE_PROPERTIES[resource.Type] ?? []) add(properties[name]);
    if (resource.Type === 'AWS::Lambda::Function') {
      const code = properties.Code;
      add(typeof code === 'string' ? code : (code as { S3Key?: unknown } | undefined)?.S3Key);
    }
  }
  return assets;
}

/** A Lambda `Code: ./folder` (the packaging form) read as `Code: { S3Key: ./folder }`, the form readTemplate knows. */
function withLambdaCodeKeys(template: CfnTemplate): CfnTemplate {
  const resources = Object.fromEntries(
    Object.entries(template.Resources ?? {}).map(([id, resource]) => {
      const code = resource.Properties?.Code;
      if (resource.Type !== 'AWS::Lambda::Function' || typeof code !== 'string') return [id, resource];
      return [id, { ...resource, Properties: { ...resource.Properties, Code: { S3Key: code } } }];
    }),
  );
  return { ...template, Resources: resources };
}
