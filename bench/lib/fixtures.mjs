/**
 * The primitives every suite sends and answers. SDK and baseline exchange byte-identical frames,
 * so a ratio measures the client code, not the payload.
 */

/** Common attributes of a stored contentInstance, as a CSE returns them. */
function cin(index, con) {
  return {
    rn: `cin_${index}`,
    ri: `cin${String(index).padStart(6, '0')}`,
    pi: 'cnt000001',
    ty: 4,
    ct: '20260101T120000',
    lt: '20260101T120000',
    st: index,
    cnf: 'text/plain:0',
    cs: con.length,
    con,
  };
}

/** A 1 KB `con`: what a sensor batch or a small JSON document weighs. */
export const CON_1KB = 'x'.repeat(1024);

/** Retrieve response carrying one contentInstance with 1 KB of content. */
export const retrieveResponse1KB = {
  rsc: 2000,
  rqi: 'r1',
  rvi: '3',
  to: 'Cbench',
  fr: '/id-in',
  ot: '20260101T120000',
  pc: { 'm2m:cin': cin(1, CON_1KB) },
};

/** Discovery result: 100 structured resource addresses (`m2m:uril`, the R3 default for fu = 1). */
export const discoveryResponse100 = {
  rsc: 2000,
  rqi: 'r2',
  rvi: '3',
  to: 'Cbench',
  fr: '/id-in',
  ot: '20260101T120000',
  pc: { 'm2m:uril': Array.from({ length: 100 }, (_, i) => `cse-in/benchAE/container_${i % 10}/cin_${i}`) },
};

/** The retrieve request the throughput, latency and memory suites send (rqi filled per request). */
export const RETRIEVE_TARGET = 'cse-in/benchAE/data/la';
export const ORIGINATOR = 'Cbench';

/** Small retrieve response the responder sends back: a typical `la` read of a sensor value. */
export function cannedRetrieveResponse(rqi) {
  return {
    rsc: 2000,
    rqi,
    rvi: '3',
    to: ORIGINATOR,
    fr: '/id-in',
    ot: '20260101T120000',
    pc: { 'm2m:cin': cin(7, '21.5') },
  };
}

/** A notification request (op 5) carrying a created contentInstance, as a CSE pushes it. */
export function notifyRequest(rqi) {
  return {
    op: 5,
    to: ORIGINATOR,
    fr: '/id-in',
    rqi,
    rvi: '3',
    ot: '20260101T120000',
    pc: {
      'm2m:sgn': {
        nev: { rep: { 'm2m:cin': cin(9, '21.5') }, net: 3 },
        sur: '/id-in/sub000001',
      },
    },
  };
}
