import { randomBytes, randomUUID } from 'node:crypto';

/** `util.autoId()`: a random (version 4) UUID. */
export function autoId(): string {
  return randomUUID();
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `util.autoUlid()`: 26 Crockford base-32 characters, 48 bits of milliseconds then 80 random bits. */
export function autoUlid(now: number = Date.now()): string {
  let time = '';
  let remaining = now;
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD[remaining % 32] + time;
    remaining = Math.floor(remaining / 32);
  }
  const random = randomBytes(10);
  let bits = 0n;
  for (const byte of random) bits = (bits << 8n) | BigInt(byte);
  let randomPart = '';
  for (let i = 0; i < 16; i += 1) {
    randomPart = CROCKFORD[Number(bits & 31n)] + randomPart;
    bits >>= 5n;
  }
  return time + randomPart;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** KSUID epoch: 2014-05-13T16:53:20Z (segmentio/ksuid). */
const KSUID_EPOCH_SECONDS = 1_400_000_000;

/** `util.autoKsuid()`: 27 base-62 characters encoding 32 bits of seconds since the KSUID epoch and 128 random bits. */
export function autoKsuid(now: number = Date.now()): string {
  const payload = Buffer.alloc(20);
  payload.writeUInt32BE(Math.floor(now / 1000) - KSUID_EPOCH_SECONDS, 0);
  randomBytes(16).copy(payload, 4);
  let value = BigInt(`0x${payload.toString('hex')}`);
  let text = '';
  while (value > 0n) {
    text = BASE62[Number(value % 62n)] + text;
    value /= 62n;
  }
  return text.padStart(27, '0');
}
