import type { FrameType, Serialization } from './codec.js';

/** One registered WebSocket subprotocol name of TS-0020. */
export interface SubprotocolInfo {
  /** Canonical spelling, e.g. `oneM2M.json` or `oneM2M.R2.0.cbor`. */
  readonly name: string;
  /** The serialization the name selects. */
  readonly serialization: Serialization;
  /** The frame type that serialization travels in (TS-0020 Table 6.2.2.9-1). */
  readonly frameType: FrameType;
}

/** Frame type per serialization: JSON and XML in text frames, CBOR in binary frames. */
export const FRAME_TYPES: Readonly<Record<Serialization, FrameType>> = /* @__PURE__ */ Object.freeze({
  json: 'text',
  xml: 'text',
  cbor: 'binary',
});

/** The frame type a serialization travels in. */
export function frameTypeOf(serialization: Serialization): FrameType {
  return FRAME_TYPES[serialization];
}

const SERIALIZATIONS: readonly Serialization[] = ['json', 'xml', 'cbor'];

/**
 * Every name this SDK knows, in offer order per serialization: the TS-0020 V3 name
 * (`oneM2M.<fmt>`, the only one ACME accepts) first, then the Release-2 name
 * (`oneM2M.R2.0.<fmt>`, which Mobius 2.x answers with and therefore must have been offered).
 */
export const SUBPROTOCOLS: readonly SubprotocolInfo[] = /* @__PURE__ */ Object.freeze(
  /* @__PURE__ */ SERIALIZATIONS.flatMap((serialization) =>
    [`oneM2M.${serialization}`, `oneM2M.R2.0.${serialization}`].map((name) =>
      Object.freeze({ name, serialization, frameType: FRAME_TYPES[serialization] }),
    ),
  ),
);

const BY_LOWER_NAME: ReadonlyMap<string, SubprotocolInfo> = /* @__PURE__ */ new Map(
  /* @__PURE__ */ SUBPROTOCOLS.map((info) => [info.name.toLowerCase(), info]),
);

/**
 * Find a subprotocol by name, ignoring case (Mobius lower-cases what it receives and answers
 * `onem2m.r2.0.json`). Surrounding whitespace is ignored, as in a `Sec-WebSocket-Protocol` list.
 * @returns the registry entry (with the canonical spelling), or `undefined` for an unknown name.
 */
export function lookupSubprotocol(name: string): SubprotocolInfo | undefined {
  if (typeof name !== 'string') return undefined;
  return BY_LOWER_NAME.get(name.trim().toLowerCase());
}

/**
 * The subprotocol names to offer for a preference list of serializations, most preferred first,
 * both spellings per serialization: `['cbor', 'json']` →
 * `['oneM2M.cbor', 'oneM2M.R2.0.cbor', 'oneM2M.json', 'oneM2M.R2.0.json']`. Duplicates are dropped.
 * @throws {TypeError} for an empty list or a name that is not `json`, `xml` or `cbor`.
 */
export function subprotocolsFor(preferences: readonly Serialization[]): string[] {
  if (preferences.length === 0)
    throw new TypeError('subprotocolsFor: at least one serialization is required');
  const names: string[] = [];
  const seen = new Set<Serialization>();
  for (const serialization of preferences) {
    if (!Object.hasOwn(FRAME_TYPES, serialization)) {
      throw new TypeError(`subprotocolsFor: unknown serialization ${JSON.stringify(serialization)}`);
    }
    if (seen.has(serialization)) continue;
    seen.add(serialization);
    names.push(`oneM2M.${serialization}`, `oneM2M.R2.0.${serialization}`);
  }
  return names;
}
