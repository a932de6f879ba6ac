import { GenerateMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import { CODE_MAC_ALGORITHM, codeMacMessage } from '../../infra/model/index.ts';
import { CodeMacError } from './errors.ts';

/** What is stored instead of the code: its MAC (base64) and the ARN of the key that made it. */
export interface CodeMac {
  mac: string;
  keyId: string;
}

/**
 * The code's MAC, made by KMS GenerateMac (HMAC_SHA_256) under `keyArn` over the session id and the code
 * (infra/model/code-mac.ts). The key never leaves KMS; verifyOtp checks the MAC with VerifyMac under `keyId`, the key
 * KMS names in its answer, so the MAC keeps verifying after the service switched to another key.
 *
 * @throws CodeMacError naming KMS's error (never the code or the message) when KMS does not answer with a MAC.
 *
 * @example
 * const { mac, keyId } = await macOtpCode(kmsClient, config.codeMacKeyArn, sessionId, code);
 */
export async function macOtpCode(kms: KMSClient, keyArn: string, sessionId: string, code: string): Promise<CodeMac> {
  let answer;
  try {
    answer = await kms.send(
      new GenerateMacCommand({
        KeyId: keyArn,
        MacAlgorithm: CODE_MAC_ALGORITHM,
        Message: new TextEncoder().encode(codeMacMessage(sessionId, code)),
      }),
    );
  } catch (error) {
    throw new CodeMacError(error instanceof Error ? error.name : 'UnknownError');
  }
  if (!answer.Mac || answer.Mac.length === 0 || !answer.KeyId) throw new CodeMacError('NoMacInAnswer');
  return { mac: Buffer.from(answer.Mac).toString('base64'), keyId: answer.KeyId };
}
