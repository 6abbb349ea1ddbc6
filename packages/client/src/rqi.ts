/**
 * Request identifiers. `rqi` is the only correlation key on a WebSocket connection (responses and
 * CSE-originated requests share it), so identifiers must be unique per client across reconnects.
 * A random per-client prefix plus a counter keeps them unique without per-request randomness.
 */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Generates unique request identifiers: `<random prefix>-<counter in base 36>`. */
export class RqiGenerator {
  readonly #prefix: string;
  #counter = 0;

  /** @param prefix fixed prefix; 8 random characters by default (Web Crypto: browsers, Node 19+) */
  constructor(
    prefix = Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => ALPHABET[byte % 36]).join(''),
  ) {
    this.#prefix = `${prefix}-`;
  }

  /** The next identifier. */
  next(): string {
    return this.#prefix + (++this.#counter).toString(36);
  }
}
