/**
 * The same SDK as the dashboard, imported from the npm package and bundled: only the JSON codec
 * ends up in dist/app.js. Subscribes to the demo sensor's readings and lists the latest ten.
 *
 * Query parameters: ?cse=ws://host:port  &cseName=cse-in  &ae=demo-sensor
 */
import { createClient } from 'onem2m-ws/json';

const params = new URLSearchParams(location.search);
const cseUrl = params.get('cse') ?? `ws://${location.hostname || '127.0.0.1'}:8180`;
const cseName = params.get('cseName') ?? 'cse-in';
const container = `${cseName}/${params.get('ae') ?? 'demo-sensor'}/temperature`;

const status = document.getElementById('status');
const latest = document.getElementById('latest');
const list = document.getElementById('readings');

const client = createClient({ url: cseUrl, reconnect: true });
client.on('close', () => setStatus('disconnected', 'connection lost'));

function setStatus(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

function show(cin) {
  const reading = typeof cin?.con === 'string' ? JSON.parse(cin.con) : cin?.con;
  if (typeof reading?.value !== 'number') return;
  latest.textContent = reading.value.toFixed(2);
  const item = document.createElement('li');
  item.textContent = `${reading.value.toFixed(2)} °C at ${new Date(reading.at).toLocaleTimeString()}`;
  list.prepend(item);
  while (list.children.length > 10) list.lastElementChild.remove();
}

try {
  await client.register(
    { rn: `web-app-${Math.random().toString(36).slice(2, 8)}`, api: 'Nweb-app', rr: true, srv: ['3'] },
    { to: cseName },
  );
  const subscription = await client.subscribe(container, { net: [3] });
  setStatus('connected', `subscribed to ${container}`);
  for await (const event of subscription) show(event.representation?.['m2m:cin']);
} catch (error) {
  setStatus('error', `failed: ${error?.message ?? error}`);
}
