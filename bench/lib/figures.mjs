/**
 * Turns the suites' raw results into figures: one row per measure with the SDK value, the
 * baseline value measured in the same run, their ratio and, where issue 7 sets one, the target.
 */

/**
 * @typedef {object} Figure
 * @property {string} group     table the row belongs to
 * @property {string} id        stable key for machines
 * @property {string} label     what is measured
 * @property {string} unit
 * @property {number|null} sdk
 * @property {number|null} baseline
 * @property {string} baselineLabel
 * @property {number|null} ratio  sdk / baseline
 * @property {'higher'|'lower'} better  which direction of the ratio is good
 * @property {{op: '>=' | '<=', value: number}} [target]
 * @property {boolean|null} [met]
 * @property {string} [note]
 */

function figure(row) {
  const ok = (v) => typeof v === 'number' && Number.isFinite(v);
  const ratio = ok(row.sdk) && ok(row.baseline) && row.baseline !== 0 ? row.sdk / row.baseline : null;
  const out = {
    ...row,
    sdk: ok(row.sdk) ? row.sdk : null,
    baseline: ok(row.baseline) ? row.baseline : null,
    ratio,
  };
  if (row.target) {
    out.met =
      ratio === null ? null : row.target.op === '>=' ? ratio >= row.target.value : ratio <= row.target.value;
  }
  return out;
}

const GROUPS = {
  throughput: 'Request throughput, one connection (retrieve, JSON)',
  requestCpu: 'Client CPU time per request (over the same slices; steadier than rates under other load)',
  latency: 'Round-trip latency, 1 in flight',
  overhead:
    'Client code cost per request, no network (in-process echo peer behind the SocketAdapter interface)',
  codecs: 'Codecs: full cycle (encode → decode → receive-side validation)',
  codecParts: 'Codecs: encode and decode separately',
  notifications: 'Notification ingest',
  memory: 'Memory per pending request (10,000 pending)',
  cse: 'Embedded CSE: create contentInstance',
  bundle: 'Bundle sizes',
};

export { GROUPS };

/** All figures of a run; `results` maps suite name → the suite's result. */
export function buildFigures(results) {
  const rows = [];
  const req = results.requests;
  if (req && !req.error) {
    const variants = [
      ['sdkValidated', 'SDK + response validation', true],
      ['sdk', 'SDK default (structural checks)', false],
    ];
    for (const t of req.throughput) {
      for (const [key, name, targeted] of variants) {
        rows.push(
          figure({
            group: 'throughput',
            id: `throughput.${key}.inFlight${t.inFlight}`,
            label: `${t.inFlight} in flight, ${name}`,
            unit: 'req/s',
            sdk: t[key]?.perSecond,
            baseline: t.raw?.perSecond,
            baselineLabel: 'raw ws client',
            better: 'higher',
            ...(targeted && t.inFlight === 256 ? { target: { op: '>=', value: 0.85 } } : {}),
            note: req.sdkError,
          }),
        );
      }
    }
    for (const t of req.throughput) {
      for (const [key, name] of variants) {
        rows.push(
          figure({
            group: 'requestCpu',
            id: `cpuPerRequest.${key}.inFlight${t.inFlight}`,
            label: `${t.inFlight} in flight, ${name}`,
            unit: 'µs CPU/req',
            sdk: t[key]?.cpuUsPerRequest,
            baseline: t.raw?.cpuUsPerRequest,
            baselineLabel: 'raw ws client',
            better: 'lower',
            note: req.sdkError,
          }),
        );
      }
    }
    for (const q of ['p50', 'p99']) {
      for (const [key, name, targeted] of variants) {
        const lat = req.latency[key];
        rows.push(
          figure({
            group: 'latency',
            id: `latency.${key}.${q}`,
            label: `${q} round trip, ${name}`,
            unit: 'µs',
            sdk: lat ? lat[`${q}Ms`] * 1000 : null,
            baseline: req.latency.raw[`${q}Ms`] * 1000,
            baselineLabel: 'raw ws client',
            better: 'lower',
            ...(targeted && q === 'p50' ? { target: { op: '<=', value: 1.2 } } : {}),
            note: req.sdkError,
          }),
        );
      }
    }
  }
  const ovh = results.overhead;
  if (ovh && !ovh.error) {
    for (const [key, name] of [
      ['sdkValidated', 'SDK + response validation'],
      ['sdk', 'SDK default (structural checks)'],
    ]) {
      rows.push(
        figure({
          group: 'overhead',
          id: `overhead.${key}.cpuPerRequest`,
          label: `CPU per request, ${name}`,
          unit: 'µs CPU/req',
          sdk: ovh[key]?.cpuUsPerRequest,
          baseline: ovh.raw?.cpuUsPerRequest,
          baselineLabel: 'raw client logic, same in-process peer',
          better: 'lower',
          note: ovh.sdkError,
        }),
        figure({
          group: 'overhead',
          id: `overhead.${key}.perSecond`,
          label: `requests/s at ${ovh.inFlight} in flight, ${name}`,
          unit: 'req/s',
          sdk: ovh[key]?.perSecond,
          baseline: ovh.raw?.perSecond,
          baselineLabel: 'raw client logic, same in-process peer',
          better: 'higher',
          note: ovh.sdkError,
        }),
      );
    }
  }
  const codecs = results.codecs;
  if (codecs && !codecs.error) {
    const names = { retrieveCin1KB: 'retrieve response, 1 KB cin', discovery100: 'discovery, 100 URIs' };
    for (const [payload, entry] of Object.entries(codecs.payloads)) {
      const json = entry.baseline.bareJson;
      const cbor = entry.baseline.bareCbor;
      const base = { xml: json, json, cbor };
      const baseLabel = {
        xml: 'bare JSON.stringify/parse',
        json: 'bare JSON.stringify/parse',
        cbor: 'bare cbor-x',
      };
      for (const codec of ['json', 'xml', 'cbor']) {
        const r = entry.sdk[codec] ?? {};
        rows.push(
          figure({
            group: 'codecs',
            id: `codecs.${payload}.${codec}.cycleValidated`,
            label: `${codec.toUpperCase()} codec + receive-side validation, ${names[payload]}`,
            unit: 'ops/CPU-s',
            sdk: r.cycleValidated,
            baseline: base[codec].cycle,
            baselineLabel: baseLabel[codec],
            better: 'higher',
            note: r.error ?? r.validateError,
          }),
          figure({
            group: 'codecs',
            id: `codecs.${payload}.${codec}.cycle`,
            label: `${codec.toUpperCase()} codec, no schema validation, ${names[payload]}`,
            unit: 'ops/CPU-s',
            sdk: r.cycle,
            baseline: base[codec].cycle,
            baselineLabel: baseLabel[codec],
            better: 'higher',
            note: r.error,
          }),
        );
        for (const part of ['encode', 'decode']) {
          rows.push(
            figure({
              group: 'codecParts',
              id: `codecs.${payload}.${codec}.${part}`,
              label: `${codec.toUpperCase()} ${part}, ${names[payload]}`,
              unit: 'ops/CPU-s',
              sdk: r[part],
              baseline: base[codec][part],
              baselineLabel: baseLabel[codec],
              better: 'higher',
              note: r.error,
            }),
          );
        }
        if (codec === 'json') {
          rows.push(
            figure({
              group: 'codecParts',
              id: `codecs.${payload}.validateResponse`,
              label: `receive-side validation alone, ${names[payload]}`,
              unit: 'ops/CPU-s',
              sdk: r.validate,
              baseline: json.decode,
              baselineLabel: 'bare JSON.parse',
              better: 'higher',
              note: r.error ?? r.validateError,
            }),
            figure({
              group: 'codecParts',
              id: `codecs.${payload}.validateResponseStrict`,
              label: `validateResponse (strict, send-side) alone, ${names[payload]}`,
              unit: 'ops/CPU-s',
              sdk: r.validateStrict,
              baseline: json.decode,
              baselineLabel: 'bare JSON.parse',
              better: 'higher',
              note: r.error ?? r.validateError,
            }),
          );
        }
      }
    }
  }
  const ntf = results.notifications;
  if (ntf && !ntf.error) {
    rows.push(
      figure({
        group: 'notifications',
        id: 'notifications.perSecond',
        label: `notifications delivered and answered (${ntf.window} in flight)`,
        unit: 'ntf/s',
        sdk: ntf.sdk?.perSecond,
        baseline: ntf.raw?.perSecond,
        baselineLabel: 'raw ws parse-and-reply loop',
        better: 'higher',
        note: ntf.sdkError,
      }),
      figure({
        group: 'notifications',
        id: 'notifications.cpuPerNotification',
        label: 'client CPU per notification (lowest of the rounds)',
        unit: 'µs CPU/ntf',
        sdk: ntf.sdk?.minCpuUsPerNotification,
        baseline: ntf.raw?.minCpuUsPerNotification,
        baselineLabel: 'raw ws parse-and-reply loop',
        better: 'lower',
        note: ntf.sdkError,
      }),
    );
  }
  const mem = results.memory;
  if (mem && !mem.error) {
    rows.push(
      figure({
        group: 'memory',
        id: 'memory.heapBytesPerPending',
        label: 'heap bytes per pending request',
        unit: 'B',
        sdk: mem.sdk?.heapBytesPerRequest,
        baseline: mem.raw?.heapBytesPerRequest,
        baselineLabel: 'raw ws client (Map of resolvers)',
        better: 'lower',
        note: mem.sdkError,
      }),
    );
  }
  const cse = results.cse;
  if (cse && !cse.error) {
    for (const c of cse.clients) {
      rows.push(
        figure({
          group: 'cse',
          id: `cse.clients${c.count}`,
          label: `${c.count} client${c.count > 1 ? 's' : ''}, 1 in flight each`,
          unit: 'creates/s',
          sdk: c.sdk?.perSecond,
          baseline: c.raw?.perSecond,
          baselineLabel: 'raw ws clients, same CSE',
          better: 'higher',
          note: cse.sdkError,
        }),
      );
    }
  }
  const bundle = results.bundle;
  if (bundle && !bundle.error) {
    for (const [key, label] of [
      ['scriptTag', 'script-tag bundle (onem2m-ws.min.js)'],
      ['jsonOnly', "JSON-only ESM: { createClient } from 'onem2m-ws/json'"],
    ]) {
      for (const kind of ['minBytes', 'gzipBytes']) {
        const budget = kind === 'gzipBytes' ? bundle[key]?.budgetGzipBytes : undefined;
        rows.push(
          figure({
            group: 'bundle',
            id: `bundle.${key}.${kind}`,
            label: `${label}, ${kind === 'minBytes' ? 'minified' : 'min + gzip -9'}`,
            unit: 'bytes',
            sdk: bundle[key]?.[kind],
            baseline: bundle.baseline[kind],
            baselineLabel: 'hand-rolled browser client',
            better: 'lower',
            note:
              [bundle.sdkError, budget ? `budget ${budget} B gzip` : undefined].filter(Boolean).join('; ') ||
              undefined,
          }),
        );
      }
    }
  }
  return rows;
}
