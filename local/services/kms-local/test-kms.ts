/** A local KMS for this folder's tests: the fixture template's keys, one accepted user, a `call` helper. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IamCredentialStore } from '../../appsync/auth/credential-store.ts';
import { LOCAL_USER } from '../../iam-principals.ts';
import type { KmsKeyConfig } from '../../stack-description.ts';
import { readTemplate } from '../../template/read-stack.ts';
import type { CfnTemplate } from '../../template/template-types.ts';
import { kmsRequest, type KmsAnswer, type KmsRequest } from '../../test-support/kms-request.ts';
import { startKmsLocal, type KmsLocal, type KmsLocalOptions } from './kms-local.ts';

export const REGION = 'eu-west-1';
export const CREDENTIALS = { accessKeyId: 'AKIALOCALKMSTEST0001', secretAccessKey: 'kms-test-secret-access-key-0000000000000' };

/** The fixture template's keys (local/fixtures/kms/keys.template.json) as stack `OtpService` in eu-west-1. */
export function fixtureKeys(): KmsKeyConfig[] {
  const template = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/kms/keys.template.json'), 'utf8')) as CfnTemplate;
  const workDir = mkdtempSync(join(tmpdir(), 'kms-keys-'));
  try {
    return readTemplate(template, { stackName: 'OtpService', local: { region: REGION, accountId: '000000000000' }, workDir }).kmsKeys!;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

export interface TestKms {
  kms: KmsLocal;
  keys: Record<string, KmsKeyConfig>;
  /** Signs `operation` with CREDENTIALS for the KMS's own host; `extra` changes the request (attacks). */
  call(operation: string, input: Record<string, unknown>, extra?: Partial<KmsRequest>): Promise<KmsAnswer>;
}

export async function startTestKms(options: Partial<KmsLocalOptions> = {}): Promise<TestKms> {
  const credentials = new IamCredentialStore();
  credentials.add({ ...CREDENTIALS, principal: LOCAL_USER });
  const keys = fixtureKeys();
  const kms = await startKmsLocal({ region: REGION, credentials, keys, ...options });
  return {
    kms,
    keys: Object.fromEntries(keys.map((key) => [key.logicalId, key])),
    call: (operation, input, extra = {}) => kmsRequest({ url: kms.url, operation, input, credentials: CREDENTIALS, region: REGION, ...extra }),
  };
}

export const b64 = (value: string | Uint8Array): string => Buffer.from(value).toString('base64');
