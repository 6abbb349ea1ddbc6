/**
 * Minimal oneM2M peer in a child process, so it never shares the event loop with the client
 * under test. Raw `ws`, no SDK code. Modes (argv[2]):
 * - `echo`: answer every request with a canned retrieve response carrying the request's `rqi`;
 * - `blackhole`: complete the handshake and never answer (pending-request memory);
 * - `notify`: on command from the parent, push notification requests to the connected client
 *   with a fixed window in flight for a fixed time, and report how many were answered.
 * It exits when the parent disconnects, so it can never outlive a run.
 */
import { WebSocketServer } from 'ws';
import { cannedRetrieveResponse, notifyRequest } from './fixtures.mjs';

const mode = process.argv[2] ?? 'echo';
const RQI_MARK = '@@RQI@@';

/** Select the JSON subprotocol in either spelling, as a CSE does; nothing else is served here. */
function handleProtocols(offered) {
  for (const p of offered) if (/^onem2m(\.r2\.0)?\.json$/i.test(p)) return p;
  return false;
}

/** Build `prefix + rqi + suffix` once, so answering costs a string concat, not a stringify. */
function template(build) {
  const text = JSON.stringify(build(RQI_MARK));
  const at = text.indexOf(RQI_MARK);
  return [text.slice(0, at), text.slice(at + RQI_MARK.length)];
}

/** Pull `rqi` out of a JSON frame without a full parse; falls back to parsing. */
function extractRqi(text) {
  const key = text.indexOf('"rqi":"');
  if (key >= 0) {
    const start = key + 7;
    const end = text.indexOf('"', start);
    if (end > start) return text.slice(start, end);
  }
  try {
    return JSON.parse(text).rqi;
  } catch {
    return undefined;
  }
}

const [rspPrefix, rspSuffix] = template(cannedRetrieveResponse);
const [ntfPrefix, ntfSuffix] = template(notifyRequest);

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols, maxPayload: 1 << 20 });
let current;
let push;

wss.on('connection', (ws) => {
  current = ws;
  ws.on('message', (data, isBinary) => {
    if (mode === 'blackhole') return;
    const text = isBinary ? Buffer.from(data).toString('utf8') : data.toString();
    if (mode === 'echo') {
      const rqi = extractRqi(text);
      if (rqi !== undefined) ws.send(rspPrefix + rqi + rspSuffix);
      return;
    }
    if (mode === 'notify' && push) push.onResponse(text);
  });
  ws.on('error', () => {});
});

wss.on('listening', () => {
  process.send({ type: 'ready', port: wss.address().port });
});

/** Push notifications with `window` in flight for `ms`; every answered rqi frees a slot. */
function startPush(window, ms) {
  const ws = current;
  if (!ws) return process.send({ type: 'pushed', error: 'no client connected' });
  let seq = 0;
  let answered = 0;
  let rejected = 0;
  let open = 0;
  const started = performance.now();
  const deadline = started + ms;
  let stopping = false;
  const sendOne = () => {
    open++;
    ws.send(`${ntfPrefix}n${++seq}${ntfSuffix}`);
  };
  push = {
    onResponse(text) {
      open--;
      const ok = text.includes('"rsc":2000');
      if (ok) answered++;
      else rejected++;
      if (!stopping && performance.now() >= deadline) stopping = true;
      if (!stopping) sendOne();
      else if (open === 0) finish();
    },
  };
  const finish = () => {
    push = undefined;
    clearTimeout(guard);
    process.send({ type: 'pushed', answered, rejected, sent: seq, elapsedMs: performance.now() - started });
  };
  // A client that stops answering must not hang the run: report what arrived.
  const guard = setTimeout(() => {
    stopping = true;
    finish();
  }, ms + 5000);
  for (let i = 0; i < window; i++) sendOne();
}

process.on('message', (msg) => {
  if (msg.type === 'push') startPush(msg.window, msg.ms);
  if (msg.type === 'cpu') process.send({ type: 'cpu', usage: process.cpuUsage() });
  if (msg.type === 'close-clients') {
    for (const c of wss.clients) c.terminate();
    current = undefined;
    process.send({ type: 'closed' });
  }
});
process.on('disconnect', () => process.exit(0));
