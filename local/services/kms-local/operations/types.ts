import type { Input } from '../input.ts';
import type { KeyStore } from '../key-store.ts';

/** One KMS operation: the request's JSON input → the response's JSON output (or a thrown KmsError). */
export type Operation = (input: Input, store: KeyStore) => Record<string, unknown>;
