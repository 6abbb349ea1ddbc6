/**
 * Request identifiers. `rqi` is the only correlation key on a WebSocket connection (responses and
 * CSE-originated requests share it), so identifiers must be unique per client across reconnects.
 * A random per-client prefix plus a counter keeps them unique without per-request randomness.
 */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomPrefix(length: number): string {
  const bytes = new Uint8Array(length);
  const crypto = (globalThis as { crypto?: { getRandomValues?(a: Uint8Array): Uint8Array } }).crypto;
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % ALPHABET.length];
  return out;
}

/** Generates unique request identifiers: `<prefix>-<counter in base 36>`. */
export class RqiGenerator {
  readonly #prefix: string;
  #counter = 0;

  /** @param prefix fixed prefix; a random 8-character one by default */
  constructor(prefix: string = randomPrefix(8)) {
    this.#prefix = `${prefix}-`;
  }

  /** The next identifier. */
  next(): string {
    this.#counter++;
    return this.#prefix + this.#counter.toString(36);
  }
}
