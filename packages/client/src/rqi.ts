/**
 * Request identifiers. `rqi` is the only correlation key on a WebSocket connection (responses and
 * CSE-originated requests share it), so identifiers must be unique per client across reconnects.
 * A random per-client prefix plus a counter keeps them unique without per-request randomness.
 */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A generator of unique request identifiers: `<random prefix>-<counter in base 36>`. A closure
 * rather than a class: it has one operation, and a class costs more bytes in the browser bundle.
 * @param prefix fixed prefix; 8 random characters by default (Web Crypto: browsers, Node 19+)
 */
export function rqiGenerator(
  prefix = Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => ALPHABET[byte % 36]).join(''),
): () => string {
  let counter = 0;
  return () => `${prefix}-${(++counter).toString(36)}`;
}
