/**
 * Suite 3: codec operations per second for a retrieve response carrying a 1 KB contentInstance
 * and for a 100-entry discovery result. Each SDK codec is measured for encode, decode, and the
 * full receive+send cycle with schema validation (encode → decode → validateResponse), against
 * bare JSON.stringify/JSON.parse and bare cbor-x doing the same cycle without any checks.
 */
import { ms } from '../lib/config.mjs';
import { discoveryResponse100, retrieveResponse1KB } from '../lib/fixtures.mjs';
import { loadCborX, loadProtocol } from '../lib/sdk.mjs';
import { opsPerSecond } from '../lib/stats.mjs';
import { suiteMain } from '../lib/suite.mjs';

const PAYLOADS = {
  retrieveCin1KB: retrieveResponse1KB,
  discovery100: discoveryResponse100,
};

/** Keeps results reachable so the JIT cannot drop the measured work. */
let sink;

function measure(fn) {
  return opsPerSecond(
    () => {
      sink = fn();
    },
    { ms: ms(350), warmupMs: ms(100) },
  );
}

suiteMain(async () => {
  const cbor = await loadCborX();
  let protocol;
  let sdkError;
  try {
    protocol = await loadProtocol();
  } catch (error) {
    sdkError = String(error.message ?? error);
  }
  const validate = protocol?.validateResponse;
  const codecs = {
    json: protocol?.jsonCodec,
    xml: protocol?.xmlCodec,
    cbor: protocol?.cborCodec,
  };
  const results = {};
  for (const [name, primitive] of Object.entries(PAYLOADS)) {
    const jsonText = JSON.stringify(primitive);
    const cborBytes = cbor.encode(primitive);
    const entry = {
      sizes: { jsonBytes: Buffer.byteLength(jsonText), cborBytes: cborBytes.byteLength },
      baseline: {
        bareJson: {
          encode: measure(() => JSON.stringify(primitive)),
          decode: measure(() => JSON.parse(jsonText)),
          cycle: measure(() => JSON.parse(JSON.stringify(primitive))),
        },
        bareCbor: {
          encode: measure(() => cbor.encode(primitive)),
          decode: measure(() => cbor.decode(cborBytes)),
          cycle: measure(() => cbor.decode(cbor.encode(primitive))),
        },
      },
      sdk: {},
    };
    for (const [codecName, codec] of Object.entries(codecs)) {
      if (!codec) {
        entry.sdk[codecName] = { error: protocol ? `${codecName}Codec not exported` : sdkError };
        continue;
      }
      const frame = codec.encode(primitive);
      const decoded = codec.decode(frame);
      if (decoded.kind !== 'response' || decoded.primitive.rsc !== 2000) {
        throw new Error(
          `${codecName}: round trip lost the response: ${JSON.stringify(decoded).slice(0, 200)}`,
        );
      }
      const r = {
        frameBytes: typeof frame === 'string' ? Buffer.byteLength(frame) : frame.byteLength,
        encode: measure(() => codec.encode(primitive)),
        decode: measure(() => codec.decode(frame)),
        cycle: measure(() => codec.decode(codec.encode(primitive))),
      };
      if (validate) {
        validate(decoded.primitive);
        r.validate = measure(() => validate(decoded.primitive));
        r.cycleValidated = measure(() => validate(codec.decode(codec.encode(primitive)).primitive));
      } else {
        r.validateError = 'validateResponse not exported';
      }
      entry.sdk[codecName] = r;
    }
    results[name] = entry;
  }
  return { payloads: results, sdkError, sinkType: typeof sink };
});
