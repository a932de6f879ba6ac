/**
 * SHA-256 (and HMAC-SHA-256 with a secret) from node:crypto, in the shape @smithy/signature-v4 takes. The engine signs
 * and verifies SigV4 on every IAM request and every DynamoDB or AWS_IAM HTTP data-source call: node:crypto's native
 * hash instead of @aws-crypto/sha256-js's pure-JavaScript one (which the browser explorer still needs).
 */
import { createHash, createHmac, type BinaryLike } from 'node:crypto';

/** What the signer hashes: @smithy/types' SourceData. */
type SourceData = string | ArrayBuffer | ArrayBufferView;

function binary(data: SourceData): BinaryLike {
  if (typeof data === 'string') return data;
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export class NodeSha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', binary(secret));
  }
  update(data: SourceData): void {
    this.hash.update(binary(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}
