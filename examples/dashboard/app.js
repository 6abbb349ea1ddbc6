/**
 * The dashboard: a browser AE built on the script-tag bundle (global `OneM2M`, no build step).
 *
 * One "session" = one client: register as an AE, load recent readings, subscribe to the sensor's
 * `temperature` and `state` containers. When the connection drops (CSE restarted, network gone),
 * the session is replaced by a new one as soon as the CSE answers again; the page never reloads.
 *
 * Query parameters: ?cse=ws://host:port  &cseName=cse-in  &ae=demo-sensor  &serialization=json|cbor|xml
 */
import { LineChart } from './chart.js';

const params = new URLSearchParams(location.search);
const CSE_URL = params.get('cse') ?? `ws://${location.hostname || '127.0.0.1'}:8180`;
const CSE_NAME = params.get('cseName') ?? 'cse-in';
const SENSOR = `${CSE_NAME}/${params.get('ae') ?? 'demo-sensor'}`;
const RETRY_MS = [500, 1000, 2000, 3000];

const $ = (id) => document.getElementById(id);
const ui = {
  connection: $('connection'),
  serialization: $('serialization'),
  latest: $('latest-value'),
  latestAge: $('latest-age'),
  count: $('reading-count'),
  subprotocol: $('subprotocol'),
  heater: $('heater-state'),
  heaterAck: $('heater-ack'),
  toggle: $('heater-toggle'),
  commands: $('command-log'),
  activity: $('activity'),
  aeId: $('ae-id'),
};
$('cse-url').textContent = CSE_URL;
$('sensor-path').textContent = SENSOR;

const chart = new LineChart($('chart'));
setInterval(() => {
  chart.draw();
  renderAge();
}, 1000);

let serialization = ['json', 'cbor', 'xml'].includes(params.get('serialization'))
  ? params.get('serialization')
  : 'json';
ui.serialization.value = serialization;

let readingCount = 0;
let latestAt = 0;
let heaterOn;
/** Commands sent from this page, by id, waiting for the AE's acknowledgement. */
const pendingCommands = new Map();

// ---- Connection state -------------------------------------------------------------------------

const STATE_LABELS = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  waiting: 'Waiting for the sensor…',
  error: 'Disconnected',
};

function setConnection(state, detail) {
  ui.connection.dataset.state = state === 'waiting' ? 'connecting' : state;
  ui.connection.querySelector('.label').textContent = STATE_LABELS[state];
  ui.connection.title = detail ?? '';
  ui.toggle.disabled = state !== 'connected';
}

function logActivity(text) {
  const item = document.createElement('li');
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString([], { hour12: false });
  const span = document.createElement('span');
  span.textContent = text;
  item.append(time, span);
  ui.activity.prepend(item);
  while (ui.activity.children.length > 9) ui.activity.lastElementChild.remove();
}

// ---- Sessions ---------------------------------------------------------------------------------

/** The current session's client, or undefined between sessions. */
let client;
let sessionId = 0;
let retryTimer;

/** Starts a session; on failure retries with a growing delay. Any older session is ended first. */
async function startSession(attempt = 0) {
  clearTimeout(retryTimer);
  const id = ++sessionId;
  endClient(client);
  client = undefined;
  setConnection(attempt === 0 ? 'connecting' : 'reconnecting');

  const session = OneM2M.createClient({ url: CSE_URL, serializations: [serialization] });
  const current = () => id === sessionId;
  try {
    session.on('open', (info) => {
      if (current()) ui.subprotocol.textContent = info?.protocol || serialization.toUpperCase();
    });
    session.on('close', () => {
      if (!current() || client !== session) return;
      logActivity('Connection to the CSE lost');
      retry(id, 0);
    });

    await session.register(
      { rn: `dashboard-${randomId()}`, api: 'Nonem2m-ws-dashboard', rr: true, srv: ['3'] },
      {
        to: CSE_NAME,
      },
    );
    if (!current()) return endClient(session);
    ui.aeId.textContent = session.originator;

    await loadHistory(session);
    // net 3: a child (contentInstance) was created. `su`: where the CSE sends the deletion notice
    // (`sud`) if the subscription is deleted, e.g. with the container when the sensor AE re-registers.
    const readings = await session.subscribe(`${SENSOR}/temperature`, { net: [3], su: session.originator });
    readings.on('notification', (event) => onReading(event.representation?.['m2m:cin']));
    const state = await session.subscribe(`${SENSOR}/state`, { net: [3], su: session.originator });
    state.on('notification', (event) => onState(event.representation?.['m2m:cin']));
    // When the sensor AE re-registers, its containers (and our subscriptions) are recreated and the
    // CSE tells us with `sud`: subscribe again to the new ones.
    for (const subscription of [readings, state]) {
      subscription.on('end', ({ reason }) => {
        if (reason !== 'deleted' || !current() || client !== session) return;
        logActivity('The sensor AE was re-created; subscribing again');
        client = undefined;
        retry(id, 1);
      });
    }
    if (!current()) return endClient(session);

    client = session;
    setConnection('connected');
    logActivity(`Connected (${serialization.toUpperCase()}), subscribed to ${SENSOR}`);
  } catch (error) {
    endClient(session);
    if (!current()) return;
    const sensorMissing = error?.rsc === 4004;
    setConnection(sensorMissing ? 'waiting' : attempt === 0 ? 'connecting' : 'reconnecting', describe(error));
    if (attempt === 0 || attempt % 5 === 0) {
      logActivity(
        sensorMissing
          ? 'The sensor AE is not registered yet; retrying'
          : `Cannot reach the CSE (${describe(error)})`,
      );
    }
    retry(id, attempt + 1);
  }
}

function retry(id, attempt) {
  if (id !== sessionId) return;
  if (attempt <= 1) setConnection('reconnecting');
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => startSession(attempt + 1), RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
}

/** Best effort: remove our AE from the CSE and close the socket. */
function endClient(session) {
  if (!session) return;
  session
    .deregister()
    .catch(() => {})
    .finally(() => session.close().catch(() => {}));
}

/** The readings already stored in the container (up to the last two minutes) and the heater state. */
async function loadHistory(session) {
  // rcn 4: the container with its child resources, i.e. the stored contentInstances.
  const container = await session.retrieve(`${SENSOR}/temperature`, { rcn: 4 });
  for (const cin of container.content?.['m2m:cin'] ?? []) onReading(cin, { history: true });
  try {
    const latest = await session.retrieve(`${SENSOR}/state/la`);
    onState(latest.content, { history: true });
  } catch {
    // No state yet: the badge stays "—" until the AE publishes one.
  }
}

// ---- Data -------------------------------------------------------------------------------------

function onReading(cin, { history = false } = {}) {
  const reading = parseContent(cin?.con);
  if (typeof reading?.value !== 'number') return;
  const at = Date.parse(reading.at) || Date.now();
  chart.add(at, reading.value);
  if (at >= latestAt) {
    latestAt = at;
    ui.latest.textContent = reading.value.toFixed(2);
    renderAge();
  }
  if (!history) ui.count.textContent = String(++readingCount);
}

function onState(cin, { history = false } = {}) {
  const state = parseContent(cin?.con);
  if (typeof state?.heaterOn !== 'boolean') return;
  heaterOn = state.heaterOn;
  ui.heater.textContent = heaterOn ? 'ON' : 'OFF';
  ui.heater.dataset.on = String(heaterOn);
  ui.toggle.textContent = heaterOn ? 'Turn heater off' : 'Turn heater on';
  const pending = state.ack && pendingCommands.get(state.ack);
  if (pending) {
    pendingCommands.delete(state.ack);
    const ms = Math.round(performance.now() - pending.sentAt);
    setCommandStatus(pending.item, 'acknowledged', `acknowledged in ${ms} ms`);
    ui.heaterAck.textContent = `Acknowledged by the sensor AE in ${ms} ms`;
    logActivity(`Sensor AE switched the heater ${heaterOn ? 'on' : 'off'}`);
  } else if (!history && state.ack) {
    ui.heaterAck.textContent = 'Switched by another dashboard';
  }
}

function renderAge() {
  if (!latestAt) return;
  const seconds = Math.max(0, Math.round((Date.now() - latestAt) / 1000));
  ui.latestAge.textContent = seconds < 2 ? 'Updated just now' : `Updated ${seconds} s ago`;
}

// ---- Commands ---------------------------------------------------------------------------------

ui.toggle.addEventListener('click', async () => {
  if (!client) return;
  const command = { id: randomId(), action: 'heater', on: !heaterOn };
  const item = document.createElement('li');
  item.dataset.commandId = command.id;
  const label = document.createElement('span');
  label.textContent = `Heater ${command.on ? 'on' : 'off'}`;
  const status = document.createElement('span');
  status.className = 'status';
  item.append(label, status);
  ui.commands.prepend(item);
  while (ui.commands.children.length > 4) ui.commands.lastElementChild.remove();
  setCommandStatus(item, 'sending', 'sending…');

  const entry = { item, sentAt: performance.now() };
  pendingCommands.set(command.id, entry);
  try {
    await client.create(`${SENSOR}/commands`, {
      'm2m:cin': { cnf: 'application/json:0', con: JSON.stringify(command) },
    });
    if (pendingCommands.has(command.id)) setCommandStatus(item, 'sent', 'sent, waiting for the AE…');
    ui.heaterAck.textContent = 'Waiting for the sensor AE…';
  } catch (error) {
    pendingCommands.delete(command.id);
    setCommandStatus(item, 'failed', `failed: ${describe(error)}`);
  }
});

function setCommandStatus(item, status, text) {
  item.dataset.status = status;
  item.querySelector('.status').textContent = text;
}

// ---- Serialization switch ---------------------------------------------------------------------

ui.serialization.addEventListener('change', () => {
  serialization = ui.serialization.value;
  const url = new URL(location.href);
  url.searchParams.set('serialization', serialization);
  history.replaceState(null, '', url);
  ui.subprotocol.textContent = '—';
  logActivity(`Switching to ${serialization.toUpperCase()}`);
  startSession();
});

// ---- Helpers ----------------------------------------------------------------------------------

function parseContent(con) {
  if (typeof con !== 'string') return con;
  try {
    return JSON.parse(con);
  } catch {
    return undefined;
  }
}

function randomId() {
  return Math.random().toString(36).slice(2, 10);
}

function describe(error) {
  if (error?.rsc) return `${error.rsc} ${error.statusName ?? ''}`.trim();
  return error?.message ?? String(error);
}

addEventListener('pagehide', () => endClient(client));

if (typeof OneM2M === 'undefined') {
  // The script tag in index.html did not load (e.g. the bundle was not built).
  setConnection('error', 'vendor/onem2m-ws.min.js did not load');
  logActivity('The SDK bundle (onem2m-ws.min.js) did not load: run `pnpm build`, then reload');
} else {
  startSession();
}
