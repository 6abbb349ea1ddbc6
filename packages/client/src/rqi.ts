/**
 * Request identifiers. `rqi` is the only correlation key on a WebSocket connection (responses and
 * CSE-originated requests share it), so identifiers must be unique per client across reconnects.
 * A random per-client prefix plus a counter keeps them unique without per-request randomness, and
 * lets the client recognise its own past identifiers without recording them (bench finding 9).
 */

/** How many caller-chosen identifiers are remembered (the oldest are forgotten first). */
const CALLER_MEMORY = 512;

/** The request identifiers of one client. */
export interface RqiSource {
  /**
   * The identifier of a new request: `rqi` when the caller chose one (`request()`), remembered
   * since it cannot be recognised by its form; otherwise `<prefix>-<counter in base 36>`.
   */
  issue(rqi?: string): string;
  /**
   * True when this source issued `rqi`: a response to it that is no longer pending is late or a
   * duplicate. Its own identifiers are recognised by their form, whenever they were issued; the
   * last {@link CALLER_MEMORY} caller-chosen ones by memory. Any other identifier is unknown.
   */
  issued(rqi: string): boolean;
}

/**
 * A source of unique request identifiers. A closure rather than a class: a class costs more bytes
 * in the browser bundle.
 * @param prefix fixed prefix; 8 random characters by default (Web Crypto: browsers, Node 19+)
 */
export function rqiSource(
  prefix = Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => (byte % 36).toString(36)).join(''),
): RqiSource {
  const head = `${prefix}-`;
  let counter = 0;
  // Insertion-ordered: the first is the oldest, forgotten first.
  const chosen = new Set<string>();
  return {
    issue(rqi) {
      if (!rqi) return head + (++counter).toString(36);
      chosen.add(rqi);
      if (chosen.size > CALLER_MEMORY) chosen.delete(chosen.values().next().value!);
      return rqi;
    },
    issued(rqi) {
      // The canonical spelling of a counter already issued: `parseInt` alone would accept other
      // prefixes, leading zeros or trailing junk.
      const n = parseInt(rqi.slice(head.length), 36);
      return (n > 0 && n <= counter && rqi === head + n.toString(36)) || chosen.has(rqi);
    },
  };
}
