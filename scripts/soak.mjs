// `pnpm soak`: a bounded soak test of the built packages. Several Node AEs publish contentInstances,
// subscriber AEs count the notifications, and the embedded CSE is restarted once in the middle on
// the same port. Exits non-zero when a notification is lost or duplicated, or when something is
// left open.
//
//   pnpm soak                       60 s, 4 publishers, 2 subscribers
//   pnpm soak -- --seconds 20       (or SOAK_SECONDS=20)
//   node scripts/soak.mjs --seconds 10 --publishers 6 --subscribers 3 --json out.json
//
// Design (why the invariant means something across a restart): the embedded CSE keeps its
// resources in memory, so a plain restart would lose them. The soak restarts the CSE *server*
// (HTTP/WebSocket listener, connections, offline store) but hands the same resource *engine* to
// the new server through `startCse({ engineFactory })`, and routes the engine's notifications
// through a small forwarding sink that, while no server is up, holds them and passes them to the
// new server's sink once it listens. So the AEs stay registered: they reconnect on their own
// (`reconnect: true`), with the same AE-IDs and without registering again, their requests queued
// while offline go out once, and notifications for the subscribers that were offline are stored by
// the new server and delivered on reconnect. The reference for "created" is the CSE itself: at the
// end every publisher discovers the contentInstances of its container, so a create that the CSE
// processed while its answer was lost in the restart (the client rejects it as "may have been
// processed") still counts. Each subscriber must have received exactly one notification per
// contentInstance of every container it subscribed to: none missing, none twice.
//
// Just before the restart the publishers pause until the subscribers have every notification so
// far (at most 5 s): the server's offline store is not part of the hand-over, so what it held at
// the restart would be lost with it, as with any in-memory CSE. They resume as the CSE goes down,
// so their requests wait in the clients' offline queues during the downtime.
//
// Subscribers connect through a TCP relay that is cut four times during the run (a network drop
// that neither end initiates): notifications in flight at a cut are stored and resent by the CSE,
// and a subscriber must still see each exactly once.
//
// The CSE's offline store bound is raised for the run (see cseOptions): with the default of 100
// per AE, a subscriber that reconnects about a second after the publishers loses the oldest
// notifications, by design and with a warning; an early run found exactly that.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startTcpRelay } from '../test-support/tcp-relay.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Heap figures need a real GC: re-run under --expose-gc when it is not available.
if (typeof globalThis.gc !== 'function') {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  process.exit(run.status ?? 1);
}

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string' },
    publishers: { type: 'string' },
    subscribers: { type: 'string' },
    json: { type: 'string' },
    verbose: { type: 'boolean' },
  },
  allowPositionals: true,
});
const SECONDS = Number(args.seconds ?? process.env.SOAK_SECONDS ?? 60);
const PUBLISHERS = Number(args.publishers ?? process.env.SOAK_PUBLISHERS ?? 4);
const SUBSCRIBERS = Number(args.subscribers ?? process.env.SOAK_SUBSCRIBERS ?? 2);
const HOST = '127.0.0.1';
for (const [name, value] of Object.entries({ SECONDS, PUBLISHERS, SUBSCRIBERS })) {
  if (!(Number.isFinite(value) && value > 0)) {
    console.error(`soak: ${name.toLowerCase()} must be a positive number`);
    process.exit(2);
  }
}

const dist = (file) => path.join(root, file);
for (const file of [
  'packages/cse/dist/index.js',
  'packages/client/dist/index.js',
  'packages/protocol/dist/index.js',
]) {
  if (!existsSync(dist(file))) {
    console.error(`soak: ${file} is missing. Run \`pnpm build\` first (\`pnpm soak\` does it for you).`);
    process.exit(2);
  }
}
const { startCse, createEngine } = await import(pathToFileURL(dist('packages/cse/dist/index.js')).href);
const { createClient } = await import(pathToFileURL(dist('packages/client/dist/index.js')).href);
const { cborCodec, jsonCodec } = await import(pathToFileURL(dist('packages/protocol/dist/index.js')).href);
if (typeof createEngine !== 'function') {
  console.error('soak: @onem2m-ws/cse does not export createEngine (rebuild with `pnpm build`)');
  process.exit(2);
}

const log = (line) => console.log(`soak: ${line}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
function heap() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}
/** Active handles by type; stdio pipes/TTYs are left out (Node opens them lazily on first write). */
function handles() {
  const counts = {};
  for (const type of process.getActiveResourcesInfo()) {
    if (type === 'PipeWrap' || type === 'TTYWrap' || type === 'CloseReq') continue;
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

const heapStart = heap();
const handlesStart = handles();

/**
 * The whole run, inside a function so that nothing it built stays reachable from the module's
 * frame afterwards: the heap measured after it returns shows what the packages really retain.
 */
async function runSoak() {
  // ------------------------------------------------------------------ the CSE and its hand-over

  /** The engine's sink: forwards to the running server's sink, holds notifications while none runs. */
  const forwarding = {
    target: undefined,
    held: [],
    heldTotal: 0,
    deliver(target, request, options) {
      if (this.target) return this.target.deliver(target, request, options);
      this.heldTotal++;
      return new Promise((resolve) => this.held.push({ target, request, options, resolve }));
    },
    attach(sink) {
      this.target = sink;
      for (const item of this.held.splice(0))
        item.resolve(sink.deliver(item.target, item.request, item.options));
    },
  };
  let engine;
  /** The sink of the server being started; attached once `startCse` resolved (its engine is set then). */
  let nextSink;
  const engineFactory = (options) => {
    nextSink = options.sink;
    engine ??= createEngine({ ...options, sink: forwarding });
    return engine;
  };
  /** CSE warnings by kind (a notification the CSE could not deliver, stored, dropped...). */
  const cseWarnings = {};
  const cseWarningSamples = [];
  function warningKind(line) {
    if (/offline store .* full/.test(line)) return 'offline store full (oldest dropped)';
    if (/dropped rqi=/.test(line)) return 'dropped: not a registered AE';
    if (/: timeout$/.test(line)) return 'notification timed out';
    if (/: closed$/.test(line)) return 'connection closed before the answer (stored)';
    if (/matches no request/.test(line)) return 'answer after the connection was closing';
    if (/no pong/.test(line)) return 'no pong';
    return 'other';
  }
  const cseLog = {
    info: () => {},
    warn: (line) => {
      const kind = warningKind(line);
      cseWarnings[kind] = (cseWarnings[kind] ?? 0) + 1;
      if (kind !== 'answer after the connection was closing' && cseWarningSamples.length < 10)
        cseWarningSamples.push(line);
      if (args.verbose) log(`cse warn: ${line}`);
    },
    error: (line) => cseErrors.push(line),
  };
  const cseErrors = [];
  // The offline store is bounded (100 notifications per AE by default; the oldest is dropped, with
  // a warning). Around the restart a subscriber may reconnect a second after the publishers, at a
  // few hundred notifications per second: the bound is raised so that the run tests delivery, not
  // the bound (a drop would still be reported and fail the run).
  const cseOptions = {
    host: HOST,
    pingIntervalMs: 5000,
    logger: cseLog,
    engineFactory,
    offlineStore: { maxPerOriginator: 1_000_000 },
  };
  let cse = await startCse({ port: 0, ...cseOptions });
  forwarding.attach(nextSink);
  const port = cse.port;
  log(`embedded CSE at ${cse.url}; ${PUBLISHERS} publishers, ${SUBSCRIBERS} subscribers, ${SECONDS} s`);

  // ------------------------------------------------------------------ the AEs

  const clientErrors = [];
  // Subscribers reach the CSE through a TCP relay that the run cuts a few times (network drops,
  // neither end closing): notifications in flight at a cut are stored by the CSE and resent on
  // reconnect, so the run also checks that a listener never sees one twice.
  const relay = await startTcpRelay(`ws://${HOST}:${port}`);
  function client(name, serialization, url = cse.url) {
    const c = createClient({
      url,
      serializations: [serialization],
      codecs: [jsonCodec, cborCodec],
      reconnect: { initialDelay: 100, maxDelay: 1000 },
      requestTimeout: 30_000,
    });
    c.on('error', (error) => clientErrors.push(`${name}: ${error?.message ?? error}`));
    return c;
  }

  const subscribers = [];
  /** Notifications the CSE resent after a cut and the client recognised (answered, not emitted). */
  const redeliveries = { count: 0 };
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const name = `soakSub${i}`;
    const c = client(name, i % 2 === 0 ? 'json' : 'cbor', relay.url);
    const { aei } = await c.register({ rn: name, api: 'Nsoak', rr: true, srv: ['3'] }, { to: 'cse-in' });
    /** `${sur}|${cin rn}` → times seen. */
    const seen = new Map();
    c.on('debug', (d) => {
      if (d.message.startsWith('notification delivered again')) redeliveries.count++;
    });
    if (args.verbose) {
      c.on('close', (e) => log(`${name} closed (${e.code}, reconnect: ${e.willReconnect})`));
      c.on('open', (e) => log(`${name} open (attempt ${e.attempt})`));
    }
    c.on('notification', (event) => {
      if (event.kind !== 'event') return;
      const cin = event.representation?.['m2m:cin'];
      if (!cin) return;
      const key = `${event.subscriptionReference}|${cin.rn}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    });
    subscribers.push({ name, aei, client: c, seen });
  }

  const publishers = [];
  for (let i = 0; i < PUBLISHERS; i++) {
    const name = `soakPub${i}`;
    const c = client(name, i % 2 === 0 ? 'json' : 'cbor');
    const { aei } = await c.register({ rn: name, api: 'Nsoak', rr: true, srv: ['3'] }, { to: 'cse-in' });
    const container = `cse-in/${name}/data`;
    await c.create(`cse-in/${name}`, { 'm2m:cnt': { rn: 'data', mni: 10_000_000, mbs: 10_000_000_000 } });
    const subs = [];
    for (const sub of subscribers) {
      const created = await c.create(container, {
        'm2m:sub': { rn: `to-${sub.name}`, nu: [sub.aei], enc: { net: [3] } },
      });
      subs.push({ subscriber: sub, sur: `/id-in/${created.content.ri}` });
    }
    publishers.push({
      name,
      aei,
      client: c,
      container,
      subs,
      confirmed: 0,
      /** Resource names of the confirmed contentInstances. */
      confirmedNames: [],
      inDoubt: 0,
      failed: 0,
      errors: new Map(),
    });
  }
  const registrations = PUBLISHERS + SUBSCRIBERS;
  const aeIds = [...publishers, ...subscribers].map((ae) => ae.aei);
  const heapReady = heap();

  // ------------------------------------------------------------------ publishing, with one restart

  let running = true;
  /** Set while the run waits for the subscribers to catch up before the restart. */
  let paused;
  async function publish(pub) {
    let seq = 0;
    while (running) {
      if (paused) await paused;
      seq++;
      try {
        const created = await pub.client.create(pub.container, {
          'm2m:cin': { cnf: 'text/plain:0', con: `${pub.name}:${seq}` },
        });
        pub.confirmed++;
        pub.confirmedNames.push(created.content?.rn);
      } catch (error) {
        // A create in flight when the connection dropped may have been processed: the CSE decides.
        if (error?.mayHaveBeenProcessed) pub.inDoubt++;
        else pub.failed++;
        const key = error?.name ?? 'Error';
        pub.errors.set(key, (pub.errors.get(key) ?? 0) + 1);
      }
      await sleep(Math.floor(Math.random() * 15));
    }
  }
  const started = Date.now();
  const loops = publishers.map((pub) => publish(pub));
  const reconnects = { opened: 0 };
  for (const ae of [...publishers, ...subscribers])
    ae.client.on('open', (e) => e.reconnected && reconnects.opened++);

  const restartAt = started + (SECONDS * 1000) / 2;
  let restart;
  const cutsAt = [0.2, 0.35, 0.7, 0.85].map((f) => started + SECONDS * 1000 * f);
  let cuts = 0;
  while (Date.now() < started + SECONDS * 1000) {
    if (cuts < cutsAt.length && Date.now() >= cutsAt[cuts]) {
      cuts++;
      log(`cut ${relay.cutAll()} subscriber connections (network drop ${cuts}/${cutsAt.length})`);
    }
    if (!restart && Date.now() >= restartAt) {
      // The server's offline store lives in the server, not in the handed-over engine: what it
      // holds at the restart would be lost with it (as with any in-memory CSE). So the publishers
      // pause until the subscribers have every notification so far (bounded), and resume as the
      // CSE goes down: their requests then wait in the clients' offline queues.
      let resume;
      paused = new Promise((resolve) => (resume = resolve));
      const caughtUp = () =>
        publishers.every((pub) =>
          pub.subs.every(({ subscriber, sur }) =>
            pub.confirmedNames.every((rn) => subscriber.seen.has(`${sur}|${rn}`)),
          ),
        );
      const pausedAt = Date.now();
      await sleep(50);
      while (!caughtUp() && Date.now() < pausedAt + 5000) await sleep(20);
      const t0 = Date.now();
      forwarding.target = undefined; // from now on the engine's notifications wait for the new server
      const closing = cse.close();
      paused = undefined;
      resume();
      await closing;
      await sleep(500); // down for a while: the AEs retry and queue their requests
      cse = await startCse({ port, ...cseOptions });
      forwarding.attach(nextSink);
      restart = {
        at: t0,
        atSecond: Math.round((t0 - started) / 1000),
        downMs: Date.now() - t0,
        pausedMs: t0 - pausedAt,
        held: forwarding.heldTotal,
      };
      log(
        `CSE restarted on port ${port} after ${restart.downMs} ms down (publishers paused ${restart.pausedMs} ms before it for the subscribers to catch up; ${restart.held} notifications held meanwhile)`,
      );
    }
    await sleep(200);
  }
  running = false;
  await Promise.all(loops);
  const publishSeconds = (Date.now() - started) / 1000;

  // ------------------------------------------------------------------ the audit

  /** The contentInstances the CSE holds in a container (its own answer, paged). */
  async function cinsOf(pub) {
    const names = [];
    for await (const uri of pub.client.discoverAll(pub.container, { ty: [4] }, { pageSize: 1000 })) {
      names.push(uri.split('/').pop());
    }
    return names;
  }
  const expected = new Map(); // `${sur}|${rn}` → { subscriber name, publisher, rn }
  let created = 0;
  for (const pub of publishers) {
    const names = await cinsOf(pub);
    pub.created = names.length;
    created += names.length;
    for (const { subscriber, sur } of pub.subs)
      for (const rn of names) expected.set(`${sur}|${rn}`, { subscriber: subscriber.name, pub, rn });
  }
  // Wait (bounded) for the last notifications to arrive.
  const delivered = () =>
    subscribers.reduce((sum, s) => sum + [...s.seen.keys()].filter((k) => expected.has(k)).length, 0);
  const settleUntil = Date.now() + 15_000;
  while (delivered() < expected.size && Date.now() < settleUntil) await sleep(100);

  let missing = 0;
  let duplicated = 0;
  let unexpected = 0;
  const missingSamples = [];
  for (const [key, { subscriber, pub, rn }] of expected) {
    const count = subscribers.find((s) => s.name === subscriber).seen.get(key) ?? 0;
    if (count === 0) {
      missing++;
      if (missingSamples.length < 5) {
        // When was it created, relative to the restart? (ct is UTC 'YYYYMMDDTHHMMSS,ffffff')
        const cin = await pub.client.retrieve(`${pub.container}/${rn}`).catch(() => undefined);
        const ct = String(cin?.content?.ct ?? '');
        const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:,(\d{1,3}))?/.exec(ct);
        const at = m
          ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +(m[7] ?? '0').padEnd(3, '0'))
          : NaN;
        const relative = restart ? `${((at - restart.at) / 1000).toFixed(2)} s after the restart began` : ct;
        missingSamples.push(`${subscriber} ${key} (created ${relative})`);
      }
    }
    if (count > 1) duplicated += count - 1;
  }
  let notifications = 0;
  for (const s of subscribers) {
    for (const [key, count] of s.seen) {
      notifications += count;
      if (!expected.has(key)) unexpected += count;
    }
  }
  const expectedCount = expected.size;
  const confirmed = publishers.reduce((sum, p) => sum + p.confirmed, 0);
  const inDoubt = publishers.reduce((sum, p) => sum + p.inDoubt, 0);
  const failed = publishers.reduce((sum, p) => sum + p.failed, 0);
  const sameIds = [...publishers, ...subscribers].every((ae, i) => ae.client.originator === aeIds[i]);
  const heapLoaded = heap();

  // ------------------------------------------------------------------ teardown and leak check

  for (const ae of [...publishers, ...subscribers]) await ae.client.close();
  await relay.close();
  await cse.close();
  engine.close();
  forwarding.target = undefined;
  return {
    redelivered: redeliveries.count,
    cuts,
    publishSeconds,
    restart,
    registrations,
    sameIds,
    reconnections: reconnects.opened,
    created,
    confirmed,
    inDoubt,
    failed,
    expectedCount,
    notifications,
    missing,
    duplicated,
    unexpected,
    heapReady,
    heapLoaded,
    missingSamples,
    cseWarnings,
    cseWarningSamples,
    cseErrors,
    clientErrors,
  };
}

const run = await runSoak();
await sleep(200);
const heapEnd = heap();
const handlesEnd = handles();
const leakedHandles = Object.entries(handlesEnd).filter(([type, n]) => n > (handlesStart[type] ?? 0));

const report = {
  seconds: Math.round(run.publishSeconds),
  publishers: PUBLISHERS,
  subscribers: SUBSCRIBERS,
  restart: run.restart,
  subscriberConnectionCuts: run.cuts,
  redeliveredAndRecognised: run.redelivered,
  registrations: run.registrations,
  sameAeIdsAfterRestart: run.sameIds,
  reconnections: run.reconnections,
  created: run.created,
  confirmed: run.confirmed,
  inDoubt: run.inDoubt,
  failed: run.failed,
  expectedNotifications: run.expectedCount,
  notifications: run.notifications,
  missing: run.missing,
  duplicated: run.duplicated,
  unexpected: run.unexpected,
  heapMiB: {
    start: +(heapStart / 2 ** 20).toFixed(1),
    ready: +(run.heapReady / 2 ** 20).toFixed(1),
    loaded: +(run.heapLoaded / 2 ** 20).toFixed(1),
    end: +(heapEnd / 2 ** 20).toFixed(1),
  },
  handlesStart,
  handlesEnd,
  cseErrors: run.cseErrors.length,
  cseWarnings: run.cseWarnings,
  clientErrors: run.clientErrors.length,
};

log(
  `published for ${report.seconds} s: ${run.created} contentInstances in the CSE (${run.confirmed} confirmed, ${run.inDoubt} in doubt after the restart, ${run.failed} failed)`,
);
log(
  `notifications: ${run.redelivered} resent by the CSE after a cut and recognised by the client; expected ${run.expectedCount} (${run.created} × ${SUBSCRIBERS}), delivered ${run.notifications}, missing ${run.missing}, duplicated ${run.duplicated}, unexpected ${run.unexpected}`,
);
log(
  `restart and ${run.cuts} network cuts: ${run.reconnections} reconnections, AE-IDs unchanged: ${run.sameIds}, registrations: ${run.registrations}`,
);
log(
  `heap (after GC): start ${mb(heapStart)}, ready ${mb(run.heapReady)}, loaded ${mb(run.heapLoaded)}, after teardown ${mb(heapEnd)}`,
);
log(`handles: start ${JSON.stringify(handlesStart)}, end ${JSON.stringify(handlesEnd)}`);
if (run.missingSamples.length) log(`missing, e.g.: ${run.missingSamples.join('; ')}`);
if (Object.keys(run.cseWarnings).length) log(`CSE warnings: ${JSON.stringify(run.cseWarnings)}`);
if (run.missing > 0 && run.cseWarningSamples.length)
  log(`CSE warning samples:\n  ${run.cseWarningSamples.join('\n  ')}`);
if (run.cseErrors.length) log(`CSE internal errors: ${run.cseErrors.slice(0, 3).join(' | ')}`);
if (run.clientErrors.length)
  log(`client error events: ${run.clientErrors.length}, e.g. ${run.clientErrors.slice(0, 3).join(' | ')}`);
if (args.json) writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);

const failures = [];
if (run.created === 0) failures.push('nothing was published');
if (run.missing > 0) failures.push(`${run.missing} notifications lost`);
if (run.duplicated > 0) failures.push(`${run.duplicated} notifications duplicated`);
if (run.unexpected > 0)
  failures.push(`${run.unexpected} notifications for contentInstances the CSE does not hold`);
if (!run.restart) failures.push('the CSE was not restarted');
if (run.cuts === 0) failures.push('the subscriber connections were never cut');
if (!run.sameIds) failures.push('an AE changed its AE-ID across the restart');
if (run.cseErrors.length > 0) failures.push(`${run.cseErrors.length} CSE internal errors`);
if (leakedHandles.length > 0)
  failures.push(`handles left open: ${JSON.stringify(Object.fromEntries(leakedHandles))}`);
if (failures.length) {
  log(`FAILED: ${failures.join('; ')}`);
  process.exit(1);
}
log('OK: every contentInstance notified exactly once to every subscriber');
