import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTemplate } from './read-stack.ts';
import type { CfnTemplate } from './template-types.ts';

const fixture = (): CfnTemplate =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/kms/keys.template.json'), 'utf8')) as CfnTemplate;
const workDir = mkdtempSync(join(tmpdir(), 'map-kms-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
const read = (template: CfnTemplate, stackName = 'OtpService') =>
  readTemplate(template, { stackName, local: { region: 'eu-west-1', accountId: '000000000000' }, workDir });

describe('AWS::KMS::Key and AWS::KMS::Alias in the stack description', () => {
  it('lists every key with its spec, usage, state and aliases, CloudFormation defaults filled in', () => {
    const keys = read(fixture()).kmsKeys!;
    expect(keys.map(({ logicalId, keySpec, keyUsage, enabled, aliases }) => ({ logicalId, keySpec, keyUsage, enabled, aliases }))).toEqual([
      { logicalId: 'CodeKey', keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC', enabled: true, aliases: ['alias/otp-code'] },
      { logicalId: 'TokenKey', keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY', enabled: true, aliases: ['alias/OtpService-token'] },
      { logicalId: 'RetiredTokenKey', keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY', enabled: false, aliases: [] },
      { logicalId: 'DataKey', keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', enabled: true, aliases: [] },
    ]);
    expect(keys[0]!.description).toBe('OTP code MACs');
  });

  it('gives each key a UUID-shaped id that is the same in every read, and AWS-shaped Ref, KeyId and Arn', () => {
    const first = read(fixture());
    const again = read(fixture());
    const code = first.kmsKeys![0]!;
    expect(code.keyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(again.kmsKeys![0]!.keyId).toBe(code.keyId);
    expect(code.arn).toBe(`arn:aws:kms:eu-west-1:000000000000:key/${code.keyId}`);
    const token = first.kmsKeys![1]!;
    expect(first.functions[0]!.environment).toEqual({
      CODE_KEY_ID: code.keyId,
      CODE_KEY_ALIAS: 'alias/otp-code',
      TOKEN_KEY_ARN: token.arn,
      TOKEN_KEY_ID: token.keyId,
    });
  });

  it('gives the same logical id in another stack another key id', () => {
    expect(read(fixture(), 'Other').kmsKeys![0]!.keyId).not.toBe(read(fixture()).kmsKeys![0]!.keyId);
  });

  it('refuses an alias whose target is not a key of the template', () => {
    const template = fixture();
    template.Resources!.CodeKeyAlias!.Properties!.TargetKeyId = 'arn:aws:kms:eu-west-1:111122223333:key/elsewhere';
    expect(() => read(template)).toThrow(/CodeKeyAlias TargetKeyId: .* is not a AWS::KMS::Key of this template/);
  });

  it('leaves out keys and aliases whose Condition fails', () => {
    const template = fixture();
    template.Conditions = { Never: { 'Fn::Equals': ['a', 'b'] } };
    template.Resources!.DataKey!.Condition = 'Never';
    expect(read(template).kmsKeys!.map((key) => key.logicalId)).toEqual(['CodeKey', 'TokenKey', 'RetiredTokenKey']);
  });
});
