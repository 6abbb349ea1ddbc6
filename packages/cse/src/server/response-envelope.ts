import {
  type PrimitiveContent,
  type RequestPrimitive,
  type ResponsePrimitive,
  statusName,
  toTimestamp,
} from '@onem2m-ws/protocol';

/** What the binding knows when it completes a response. */
export interface EnvelopeContext {
  /** CSE-ID, sent as `fr`. */
  cseId: string;
  /** `rvi` used when the request carried none (or could not be read). */
  releaseVersion: string;
  /** Epoch ms for `ot`. */
  now: number;
  /** Originator of the request when it is not in `fr` (the connection's bound originator). */
  originator?: string;
}

/**
 * Make a response carry `rsc`, `rqi`, `rvi`, `ot`, `fr` and `to` whatever the engine returned,
 * and an `m2m:dbg` text on errors that came without content. `rvi` echoes the request (ACME does
 * the same, and ACME-style clients reject responses without it).
 */
export function completeResponse(
  response: ResponsePrimitive,
  request: Pick<RequestPrimitive, 'rqi' | 'rvi' | 'fr'> | undefined,
  context: EnvelopeContext,
): ResponsePrimitive {
  const out: ResponsePrimitive = { ...response };
  const rqi = response.rqi ?? request?.rqi;
  if (rqi !== undefined) out.rqi = rqi;
  out.rvi = response.rvi ?? request?.rvi ?? context.releaseVersion;
  // Without fraction: Mobius4 rejects fractional timestamps.
  out.ot = response.ot ?? toTimestamp(new Date(context.now));
  out.fr = response.fr ?? context.cseId;
  const to = response.to ?? request?.fr ?? context.originator;
  if (to !== undefined && to !== '') out.to = to;
  if (out.pc === undefined && response.rsc >= 3000) {
    const name = statusName(response.rsc);
    out.pc = dbg(`request failed with rsc ${response.rsc}${name ? ` (${name})` : ''}`);
  }
  return out;
}

/** An error response with a debug text, for failures the binding detects itself. */
export function errorResponse(
  rsc: number,
  text: string,
  request: Partial<Pick<RequestPrimitive, 'rqi' | 'rvi' | 'fr'>> | undefined,
  context: EnvelopeContext,
): ResponsePrimitive {
  const partial = request ? { rqi: request.rqi as string, rvi: request.rvi, fr: request.fr } : undefined;
  return completeResponse({ rsc, pc: dbg(text) }, partial, context);
}

function dbg(text: string): PrimitiveContent {
  return { 'm2m:dbg': text };
}
