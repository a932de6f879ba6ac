import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { KeyMaterial } from './key-material.ts';
import { SUPPORTED_KEY_SPECS } from './key-spec.ts';
import { stateFilePath } from './key-persistence.ts';
import { b64, startTestKms, type TestKms } from './test-kms.ts';

let t: TestKms;
beforeAll(async () => {
  t = await startTestKms();
});
afterAll(() => t.kms.stop());

type Metadata = Record<string, unknown> & { KeyId: string; Arn: string };

describe('the template keys and key management', () => {
  it('holds the template keys under their stable ids: DescribeKey by id, ARN or alias', async () => {
    const { keyId, arn } = t.keys.CodeKey!;
    for (const id of [keyId, arn, 'alias/otp-code']) {
      const { body } = await t.call('DescribeKey', { KeyId: id });
      expect(body.KeyMetadata).toEqual({
        AWSAccountId: '000000000000',
        KeyId: keyId,
        Arn: arn,
        CreationDate: expect.any(Number),
        Enabled: true,
        Description: 'OTP code MACs',
        KeyUsage: 'GENERATE_VERIFY_MAC',
        KeyState: 'Enabled',
        Origin: 'AWS_KMS',
        KeyManager: 'CUSTOMER',
        CustomerMasterKeySpec: 'HMAC_256',
        KeySpec: 'HMAC_256',
        MacAlgorithms: ['HMAC_SHA_256'],
        MultiRegion: false,
      });
    }
    const token = (await t.call('DescribeKey', { KeyId: 'alias/OtpService-token' })).body.KeyMetadata as Metadata;
    expect(token).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: ['ECDSA_SHA_256'] });
    const retired = (await t.call('DescribeKey', { KeyId: t.keys.RetiredTokenKey!.keyId })).body.KeyMetadata as Metadata;
    expect(retired).toMatchObject({ Enabled: false, KeyState: 'Disabled' });
  });

  it('lists keys and aliases; CreateAlias names a new key and refuses a taken name', async () => {
    const keys = (await t.call('ListKeys', {})).body.Keys as { KeyId: string; KeyArn: string }[];
    expect(keys).toEqual(expect.arrayContaining([{ KeyId: t.keys.CodeKey!.keyId, KeyArn: t.keys.CodeKey!.arn }]));
    const created = (await t.call('CreateKey', { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC', Description: 'next code key' })).body.KeyMetadata as Metadata;
    expect(created.KeyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await t.call('CreateAlias', { AliasName: 'alias/otp-code-next', TargetKeyId: created.KeyId })).toMatchObject({ status: 200, body: {} });
    const taken = await t.call('CreateAlias', { AliasName: 'alias/otp-code', TargetKeyId: created.KeyId });
    expect(taken.body.__type).toBe('AlreadyExistsException');
    const aliases = (await t.call('ListAliases', { KeyId: created.Arn })).body;
    expect(aliases).toEqual({
      Aliases: [{ AliasName: 'alias/otp-code-next', AliasArn: 'arn:aws:kms:eu-west-1:000000000000:alias/otp-code-next', TargetKeyId: created.KeyId, CreationDate: expect.any(Number), LastUpdatedDate: expect.any(Number) }],
      Truncated: false,
    });
    const page = (await t.call('ListKeys', { Limit: 1 })).body;
    expect(page).toMatchObject({ Truncated: true, NextMarker: expect.any(String) });
    expect((await t.call('CreateAlias', { AliasName: 'alias/aws/mine', TargetKeyId: created.KeyId })).body.__type).toBe('NotAuthorizedException');
    expect((await t.call('CreateAlias', { AliasName: 'mine', TargetKeyId: created.KeyId })).body.__type).toBe('ValidationException');
  });

  it('refuses a KeySpec and KeyUsage that do not go together, and an HMAC key without KeyUsage (the default is ENCRYPT_DECRYPT)', async () => {
    expect((await t.call('CreateKey', { KeySpec: 'HMAC_256', KeyUsage: 'SIGN_VERIFY' })).body.__type).toBe('ValidationException');
    expect((await t.call('CreateKey', { KeySpec: 'HMAC_256' })).body.__type).toBe('ValidationException');
    expect((await t.call('CreateKey', { KeySpec: 'ECC_NIST_P257', KeyUsage: 'SIGN_VERIFY' })).body.__type).toBe('ValidationException');
  });

  it('rotation: a disabled key refuses GenerateMac and VerifyMac (DisabledException) until enabled again', async () => {
    const created = (await t.call('CreateKey', { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' })).body.KeyMetadata as Metadata;
    const input = { KeyId: created.KeyId, Message: b64('m'), MacAlgorithm: 'HMAC_SHA_256' };
    const { Mac } = (await t.call('GenerateMac', input)).body;
    expect(await t.call('DisableKey', { KeyId: created.KeyId })).toMatchObject({ status: 200, body: {} });
    expect((await t.call('GenerateMac', input)).body).toEqual({ __type: 'DisabledException', message: `${created.Arn} is disabled.` });
    expect((await t.call('VerifyMac', { ...input, Mac })).body.__type).toBe('DisabledException');
    await t.call('EnableKey', { KeyId: created.Arn });
    expect((await t.call('VerifyMac', { ...input, Mac })).body.MacValid).toBe(true);
    // Key-changing operations take a key id or ARN, not an alias.
    expect((await t.call('DisableKey', { KeyId: 'alias/otp-code' })).body.__type).toBe('NotFoundException');
  });
});

describe('ScheduleKeyDeletion', () => {
  let clock = new Date('2030-01-01T00:00:00Z');
  let local: TestKms;
  beforeAll(async () => {
    local = await startTestKms({ now: () => clock });
  });
  afterAll(() => local.kms.stop());

  it('puts a key in PendingDeletion (KMSInvalidStateException for use), can be cancelled (Disabled), and deletes it after the window', async () => {
    const signDate = { signingDate: clock };
    const created = (await local.call('CreateKey', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }, signDate)).body.KeyMetadata as Metadata;
    const scheduled = await local.call('ScheduleKeyDeletion', { KeyId: created.KeyId, PendingWindowInDays: 7 }, signDate);
    expect(scheduled.body).toEqual({ KeyId: created.Arn, DeletionDate: clock.getTime() / 1000 + 7 * 86400, KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    const sign = await local.call('Sign', { KeyId: created.KeyId, Message: b64('m'), SigningAlgorithm: 'ECDSA_SHA_256' }, signDate);
    expect(sign.body).toEqual({ __type: 'KMSInvalidStateException', message: `${created.Arn} is pending deletion.` });
    expect((await local.call('ScheduleKeyDeletion', { KeyId: created.KeyId, PendingWindowInDays: 6 }, signDate)).body.__type).toBe('ValidationException');
    expect((await local.call('CancelKeyDeletion', { KeyId: created.KeyId }, signDate)).body).toEqual({ KeyId: created.Arn });
    expect(((await local.call('DescribeKey', { KeyId: created.KeyId }, signDate)).body.KeyMetadata as Metadata).KeyState).toBe('Disabled');
    await local.call('ScheduleKeyDeletion', { KeyId: created.KeyId, PendingWindowInDays: 7 }, signDate);
    clock = new Date(clock.getTime() + 8 * 86400 * 1000);
    const gone = await local.call('DescribeKey', { KeyId: created.KeyId }, { signingDate: clock });
    expect(gone.body.__type).toBe('NotFoundException');
  });
});

describe('key material stays inside', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('no answer carries it, JSON.stringify and inspect of the material show a placeholder, nothing is logged', async () => {
    const logged = [vi.spyOn(console, 'log'), vi.spyOn(console, 'error'), vi.spyOn(console, 'warn')];
    const material = KeyMaterial.generate(SUPPORTED_KEY_SPECS.HMAC_256!);
    expect(JSON.stringify({ material })).toBe('{"material":"[KMS key material]"}');
    expect(inspect({ material })).toContain('[KMS key material]');
    const secret = (material.toPersisted() as { hmacSecret: string }).hmacSecret;
    expect(JSON.stringify({ material })).not.toContain(secret);
    const answers = await Promise.all([
      t.call('DescribeKey', { KeyId: 'alias/otp-code' }),
      t.call('GetPublicKey', { KeyId: 'alias/OtpService-token' }),
      t.call('ListKeys', {}),
      t.call('Sign', { KeyId: 'alias/otp-code', Message: b64('m'), SigningAlgorithm: 'ECDSA_SHA_256' }),
    ]);
    for (const answer of answers) expect(JSON.stringify(answer.body)).not.toMatch(/hmacSecret|pkcs8|PRIVATE|"d":/);
    for (const spy of logged) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
  });

  it('--persist: keys come back with the same material from the state file (mode 0600); without it they are new', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'kms-state-'));
    dirs.push(stateDir);
    const input = { KeyId: 'alias/otp-code', Message: b64('session:000111'), MacAlgorithm: 'HMAC_SHA_256' };
    const first = await startTestKms({ stateDir });
    const mac = (await first.call('GenerateMac', input)).body.Mac as string;
    const created = (await first.call('CreateKey', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' })).body.KeyMetadata as Metadata;
    const publicKey = (await first.call('GetPublicKey', { KeyId: created.KeyId })).body.PublicKey;
    await first.kms.stop();
    expect(statSync(stateFilePath(stateDir)).mode & 0o777).toBe(0o600);

    // The MAC is node:crypto's HMAC-SHA-256 under the stored secret.
    const state = JSON.parse(readFileSync(stateFilePath(stateDir), 'utf8')) as { keys: { keyId: string; material?: { hmacSecret?: string } }[] };
    const secret = state.keys.find((key) => key.keyId === first.keys.CodeKey!.keyId)!.material!.hmacSecret!;
    expect(createHmac('sha256', Buffer.from(secret, 'base64')).update('session:000111').digest('base64')).toBe(mac);

    const again = await startTestKms({ stateDir });
    expect((await again.call('VerifyMac', { ...input, Mac: mac })).body.MacValid).toBe(true);
    expect((await again.call('GetPublicKey', { KeyId: created.KeyId })).body.PublicKey).toBe(publicKey);
    await again.kms.stop();

    const fresh = await startTestKms();
    expect((await fresh.call('VerifyMac', { ...input, Mac: mac })).body.__type).toBe('KMSInvalidMacException');
    await fresh.kms.stop();
  });

  it('a state file that is not one is refused naming the file, never quoting it', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'kms-state-'));
    dirs.push(stateDir);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(stateFilePath(stateDir), 'SECRET-LOOKING-TEXT{');
    await expect(startTestKms({ stateDir })).rejects.toThrow(/kms-keys\.json: it is not JSON/);
    await expect(startTestKms({ stateDir })).rejects.not.toThrow(/SECRET-LOOKING-TEXT/);
  });
});
