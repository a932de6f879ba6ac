/**
 * The local stack's KMS, called as the email function and the API call it: the MAC a code is stored as (GenerateMac
 * over the session id and the code, infra/model/code-mac.ts), VerifyMac as verifyOtp asks it, and HMAC keys of a
 * test's own (a key the service rotated away from, or one it never used). The tests and the bench seed sessions with
 * these MACs.
 */
import { CreateKeyCommand, GenerateMacCommand, KMSClient, KMSInvalidMacException, VerifyMacCommand } from '@aws-sdk/client-kms';
import { CODE_MAC_ALGORITHM, codeMacMessage } from '../../infra/model/index.ts';
import type { OtpEndpoints } from './otp-stack.ts';

/** A KMS client for the local stack's KMS, signed as the local user; `destroy()` it when done. */
export function localKms(endpoints: Pick<OtpEndpoints, 'kmsUrl' | 'region' | 'iam'>): KMSClient {
  return new KMSClient({ endpoint: endpoints.kmsUrl, region: endpoints.region, credentials: { ...endpoints.iam } });
}

const messageOf = (sessionId: string, code: string) => new TextEncoder().encode(codeMacMessage(sessionId, code));

/** The MAC (base64) the email function would store for `code` of `sessionId` under `keyId`. */
export async function codeMacOf(kms: KMSClient, keyId: string, sessionId: string, code: string): Promise<string> {
  const { Mac } = await kms.send(new GenerateMacCommand({ KeyId: keyId, MacAlgorithm: CODE_MAC_ALGORITHM, Message: messageOf(sessionId, code) }));
  if (!Mac) throw new Error('GenerateMac answered without a MAC');
  return Buffer.from(Mac).toString('base64');
}

/** KMS VerifyMac as verifyOtp asks it: true when `mac` is the MAC of the code under `keyId`, false on KMSInvalidMacException. */
export async function codeMacVerifies(kms: KMSClient, keyId: string, sessionId: string, code: string, mac: string): Promise<boolean> {
  try {
    const answer = await kms.send(
      new VerifyMacCommand({ KeyId: keyId, MacAlgorithm: CODE_MAC_ALGORITHM, Message: messageOf(sessionId, code), Mac: Buffer.from(mac, 'base64') }),
    );
    return answer.MacValid === true;
  } catch (error) {
    if (error instanceof KMSInvalidMacException) return false;
    throw error;
  }
}

/** A new HMAC_256 key in the local KMS; its ARN. */
export async function createMacKey(kms: KMSClient): Promise<string> {
  const { KeyMetadata } = await kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC', Description: 'a test key' }));
  if (!KeyMetadata?.Arn) throw new Error('CreateKey answered without a key');
  return KeyMetadata.Arn;
}

/** MACs under one key of the local stack (its code MAC key: `endpoints.outputs.CodeMacKeyArn`), for seeding sessions. */
export interface CodeMacs {
  /** The key's ARN, stored beside each MAC. */
  keyId: string;
  macOf(sessionId: string, code: string): Promise<string>;
  /** VerifyMac under `keyId` (default this key). */
  verifies(sessionId: string, code: string, mac: string, keyId?: string): Promise<boolean>;
  destroy(): void;
}

/** MACs under the stack's own code MAC key (its output `CodeMacKeyArn`). */
export function localCodeMacs(endpoints: Pick<OtpEndpoints, 'kmsUrl' | 'region' | 'iam' | 'outputs'>): CodeMacs {
  const keyId = endpoints.outputs.CodeMacKeyArn;
  if (!keyId) throw new Error('the stack has no CodeMacKeyArn output: not the OtpService stack?');
  const kms = localKms(endpoints);
  return {
    keyId,
    macOf: (sessionId, code) => codeMacOf(kms, keyId, sessionId, code),
    verifies: (sessionId, code, mac, otherKey = keyId) => codeMacVerifies(kms, otherKey, sessionId, code, mac),
    destroy: () => kms.destroy(),
  };
}
