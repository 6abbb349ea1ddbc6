import type { Serialization } from '@onem2m-ws/protocol';

/** The members of a refused frame that still let the client correlate the 4000 response. */
export interface RecoveredIds {
  rqi?: string;
  rvi?: string;
  fr?: string;
}

/**
 * Best-effort read of `rqi` / `rvi` / `fr` from a frame the codec refused (e.g. a primitive with a
 * bad member), so the 4000 response can be correlated. Returns `{}` when nothing is readable.
 * CBOR frames are not looked into: a CBOR frame that failed to decode gives no reliable structure.
 */
export function recoverIds(frame: string | Uint8Array, serialization: Serialization): RecoveredIds {
  if (typeof frame !== 'string') return {};
  try {
    if (serialization === 'json') return fromJson(frame);
    if (serialization === 'xml') return fromXml(frame);
  } catch {
    // Unparseable: nothing to recover.
  }
  return {};
}

function fromJson(text: string): RecoveredIds {
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  let obj = parsed as Record<string, unknown>;
  const wrapped = obj['m2m:rqp'] ?? obj['m2m:rsp'];
  if (wrapped !== null && typeof wrapped === 'object' && !Array.isArray(wrapped))
    obj = wrapped as Record<string, unknown>;
  const out: RecoveredIds = {};
  const rqi = asId(obj.rqi);
  if (rqi !== undefined) out.rqi = rqi;
  if (typeof obj.rvi === 'string') out.rvi = obj.rvi;
  if (typeof obj.fr === 'string') out.fr = obj.fr;
  return out;
}

function fromXml(text: string): RecoveredIds {
  const out: RecoveredIds = {};
  const pick = (name: string) => new RegExp(`<${name}>([^<]{1,256})</${name}>`).exec(text)?.[1]?.trim();
  const rqi = pick('rqi');
  if (rqi) out.rqi = rqi;
  const rvi = pick('rvi');
  if (rvi) out.rvi = rvi;
  const fr = pick('fr');
  if (fr) out.fr = fr;
  return out;
}

function asId(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0 && value.length <= 256) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
