import type { Serialization } from '@onem2m-ws/protocol';
import { lookupSubprotocol } from '@onem2m-ws/protocol';

/** The subprotocol the server agreed to: the exact string the client offered, and its serialization. */
export interface SelectedSubprotocol {
  protocol: string;
  serialization: Serialization;
}

/** Outcome of selecting a subprotocol: a choice, or the reason for refusing the handshake. */
export type SubprotocolSelection =
  | { ok: true; selected: SelectedSubprotocol }
  | { ok: false; reason: string };

/** Split `Sec-WebSocket-Protocol` values (one header or several, comma-joined by Node) into names. */
export function parseOfferedSubprotocols(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  const values = Array.isArray(header) ? header : [header];
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/**
 * Pick exactly one offered subprotocol (TS-0020 §6.2.3.5). The server's preference order decides
 * between serializations; both spellings (`oneM2M.json`, `oneM2M.R2.0.json`) are matched
 * case-insensitively, and the chosen name is echoed exactly as offered, because clients
 * (WebSocket-Node, browsers) fail the handshake unless the echo equals one of their offers.
 */
export function selectSubprotocol(
  offered: readonly string[],
  preference: readonly Serialization[],
): SubprotocolSelection {
  const accepted = preference.map((s) => `oneM2M.${s}`).join(', ');
  if (offered.length === 0) {
    return { ok: false, reason: `Missing subprotocol: offer one of ${accepted} in Sec-WebSocket-Protocol` };
  }
  for (const serialization of preference) {
    const protocol = offered.find((name) => lookupSubprotocol(name)?.serialization === serialization);
    if (protocol !== undefined) return { ok: true, selected: { protocol, serialization } };
  }
  return {
    ok: false,
    reason: `No acceptable subprotocol among "${offered.join(', ')}": this CSE accepts ${accepted} (or oneM2M.R2.0.*)`,
  };
}
