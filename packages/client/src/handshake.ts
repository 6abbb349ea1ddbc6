import {
  type Codec,
  type DecodedPrimitive,
  lookupSubprotocol,
  ProtocolError,
  type Serialization,
  subprotocolsFor,
} from '@onem2m-ws/protocol';
import { HandshakeError, InvalidArgumentError } from './errors.js';

/**
 * Subprotocol negotiation (TS-0020 6.2.2.7 / 6.2.2.9, interop.md): the client offers both
 * spellings of each configured serialization (`oneM2M.json`, `oneM2M.R2.0.json`, ...) in the
 * user's preference order, and maps the server's selection, case-insensitively, back to a codec.
 * A selection that was not offered, or none at all, is a {@link HandshakeError}.
 *
 * The codecs come from the caller: the core never imports the XML or CBOR codec itself, so a
 * JSON-only bundle carries neither txml nor cbor-x.
 */
export interface Negotiator {
  /** Subprotocol names to offer, most preferred first. */
  readonly offer: string[];
  /**
   * The codec for the server's selection.
   * @throws {HandshakeError} when the server selected nothing or a name the client did not offer.
   */
  select(protocol: string): Codec;
  /**
   * Decodes one inbound message by its frame type, not only by the negotiated codec: ACME sends
   * JSON text notifications on a CBOR connection (interop.md). A frame of the other type is tried
   * with JSON (text) or CBOR (binary) when that codec is available.
   * @throws {ProtocolError} when the frame cannot be decoded.
   */
  decode(codec: Codec, data: string | Uint8Array): DecodedPrimitive;
}

/**
 * The negotiator of a client (a closure rather than a class: fewer bundle bytes).
 * @throws {InvalidArgumentError} when a preferred serialization has no codec among `codecs`.
 */
export function createNegotiator(
  serializations: readonly Serialization[],
  codecs: readonly Codec[],
): Negotiator {
  const bySerialization = new Map<Serialization, Codec>();
  for (const codec of codecs)
    if (!bySerialization.has(codec.serialization)) bySerialization.set(codec.serialization, codec);
  for (const s of serializations) {
    if (!bySerialization.has(s)) {
      throw new InvalidArgumentError(
        `no codec for serialization '${s}': pass it in \`codecs\` (the \`onem2m-ws\` entry has them all)`,
      );
    }
  }
  let offer: string[];
  try {
    offer = subprotocolsFor(serializations);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message, { cause: error });
  }
  // Both spellings of each serialization are offered, so a known name of one was offered.
  const offered = [...serializations];
  return {
    offer,
    select(protocol) {
      const info = protocol ? lookupSubprotocol(protocol) : undefined;
      if (!info || !offered.includes(info.serialization)) {
        const selected = protocol ? `subprotocol '${protocol}', which was not offered` : 'no subprotocol';
        throw new HandshakeError(`the server selected ${selected} (offered: ${offer.join(', ')})`, {
          selectedProtocol: protocol,
        });
      }
      return bySerialization.get(info.serialization)!;
    },
    decode(codec, data) {
      const frameType = typeof data === 'string' ? 'text' : 'binary';
      if (codec.frameType === frameType) return codec.decode(data);
      const fallback =
        frameType === 'text'
          ? (bySerialization.get('json') ?? bySerialization.get('xml'))
          : bySerialization.get('cbor');
      if (fallback) return fallback.decode(data);
      throw new ProtocolError(
        'WRONG_FRAME_TYPE',
        `${frameType} frame on a ${codec.serialization} connection and no ${frameType === 'text' ? 'JSON' : 'CBOR'} codec to read it`,
        { codec: codec.serialization, frame: data },
      );
    },
  };
}
