/**
 * Receive-side schema validation as a client applies it to what arrives: the primitive's
 * parameter types (`parseIncomingResponse` / `parseIncomingRequest`, tolerant of unknown
 * members) plus the types of the `pc` resource representation (`validateResource`). The client
 * itself only checks structure (the codec's classifier); `validatingCodec` turns full checking on
 * through the public `codecs` option, so the bench can hold the SDK to the target
 * "with response validation on".
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
 * `codec` with {@link receiveValidator} applied to everything it decodes. `counter.validated`
 * counts the frames checked, so a suite can prove the validation really ran.
 */
export function validatingCodec(codec, protocol, counter = { validated: 0 }) {
  const validate = receiveValidator(protocol);
  return {
    serialization: codec.serialization,
    frameType: codec.frameType,
    encode: (primitive) => codec.encode(primitive),
    decode: (frame) => {
      counter.validated++;
      return validate(codec.decode(frame));
    },
  };
}
