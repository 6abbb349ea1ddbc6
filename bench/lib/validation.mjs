/**
 * Receive-side schema validation as a client applies it to what arrives: the primitive's
 * parameter types (`parseIncomingResponse` / `parseIncomingRequest`, tolerant of unknown
 * members) plus the types of the `pc` resource representation (`validateResource`). The client
 * checks only structure by default (the codec's classifier). Responses get full checking through
 * the client's `validateResponse` option (`responseValidator`); requests the CSE sends have no
 * such option, so `requestValidatingCodec` still checks them through the public `codecs` option.
 * Together they hold the SDK to the target "with response validation on".
 */

/** `(decoded) => decoded`, throwing a ProtocolError when a member has the wrong type. */
export function receiveValidator(protocol) {
  const { parseIncomingResponse, parseIncomingRequest, validateResource } = protocol;
  return function validateIncoming(decoded) {
    if (decoded.kind === 'response') {
      const pc = parseIncomingResponse(decoded.primitive).pc;
      if (pc !== undefined) for (const key of Object.keys(pc)) validateResource(key, pc[key]);
    } else {
      parseIncomingRequest(decoded.primitive);
    }
    return decoded;
  };
}

/**
 * The client's `validateResponse` option: parameter types, then each `pc` member. It throws a
 * ProtocolError naming the field. `counter.validated` counts the responses checked, so a suite
 * can prove the validation really ran.
 */
export function responseValidator(protocol, counter = { validated: 0 }) {
  const { parseIncomingResponse, validateResource } = protocol;
  return function validateResponse(response) {
    counter.validated++;
    const pc = parseIncomingResponse(response).pc;
    if (pc !== undefined) for (const key of Object.keys(pc)) validateResource(key, pc[key]);
  };
}

/** `codec` with `parseIncomingRequest` applied to every request it decodes (responses untouched). */
export function requestValidatingCodec(codec, protocol) {
  const { parseIncomingRequest } = protocol;
  return {
    serialization: codec.serialization,
    frameType: codec.frameType,
    encode: (primitive) => codec.encode(primitive),
    decode: (frame) => {
      const decoded = codec.decode(frame);
      if (decoded.kind === 'request') parseIncomingRequest(decoded.primitive);
      return decoded;
    },
  };
}

/**
 * Client options for "SDK + response validation": every response through `validateResponse`,
 * every request the CSE sends through the JSON codec wrapper. `counter` as in {@link responseValidator}.
 */
export function receiveValidationOptions(sdk, counter) {
  return {
    validateResponse: responseValidator(sdk, counter),
    codecs: [requestValidatingCodec(sdk.jsonCodec, sdk)],
  };
}
