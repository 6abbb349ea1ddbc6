#!/usr/bin/env node
/**
 * A Node.js AE built on onem2m-ws. It
 *   1. registers with the CSE as `Cdemo-sensor` (resource name `demo-sensor`),
 *   2. creates an access control policy and three containers:
 *        temperature  the readings, one contentInstance per second,
 *        commands     where dashboards write commands (e.g. switch the heater),
 *        state        where this AE acknowledges each command with its new state,
 *   3. publishes a simulated temperature reading every second,
 *   4. subscribes to `commands` and acts on every command it is notified of.
 * When the CSE goes away (restart, network), it sets everything up again as soon as the CSE is back.
 *
 * Usage:  node index.js [--url ws://127.0.0.1:8180] [--cse cse-in] [--ae demo-sensor]
 *                       [--interval 1000] [--serialization json|cbor|xml]
 * Each flag can also come from the environment: CSE_URL, CSE_NAME, AE_NAME, INTERVAL_MS, SERIALIZATION.
 */
import { parseArgs } from 'node:util';
import { createClient } from 'onem2m-ws/node';
import { SimulatedSensor } from './sensor.js';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.CSE_URL ?? 'ws://127.0.0.1:8180' },
    cse: { type: 'string', default: process.env.CSE_NAME ?? 'cse-in' },
    ae: { type: 'string', default: process.env.AE_NAME ?? 'demo-sensor' },
    interval: { type: 'string', default: process.env.INTERVAL_MS ?? '1000' },
    serialization: { type: 'string', default: process.env.SERIALIZATION ?? 'json' },
  },
});

const AE_NAME = args.ae;
/** We choose our AE-ID (a `C` stem) so that a restarted AE is recognisable; the CSE may also assign one. */
const ORIGINATOR = `C${AE_NAME}`;
const AE_PATH = `${args.cse}/${AE_NAME}`;
const INTERVAL_MS = Number(args.interval);
const CONTAINERS = ['temperature', 'commands', 'state'];

const log = (message, ...rest) => console.log(`${new Date().toISOString()} [node-ae] ${message}`, ...rest);

const sensor = new SimulatedSensor();
/** The client of the current session; replaced when the CSE went away and we set up again. */
let client;
let ready = false;
let stopping = false;
let setupInFlight;

/** Registers the AE and creates its resources; on a fresh CSE everything is created anew. */
async function setUp() {
  client?.close().catch(() => {});
  const session = createClient({
    url: args.url,
    originator: ORIGINATOR,
    serializations: [args.serialization],
  });
  client = session;
  session.on('close', () => {
    if (session !== client) return; // the client of an earlier session, closed on purpose
    if (ready && !stopping) log('connection to the CSE closed; will set up again when it is back');
    ready = false;
  });

  await register();
  // Everybody may read, discover and subscribe to our containers, and write commands.
  // Only this AE may change or delete them (acop: 1 create, 2 retrieve, 32 discover; 63 = all).
  await client.create(AE_PATH, {
    'm2m:acp': {
      rn: 'demo-acp',
      pv: { acr: [{ acor: ['all'], acop: 35 }] },
      pvs: { acr: [{ acor: [ORIGINATOR], acop: 63 }] },
    },
  });
  for (const rn of CONTAINERS) {
    await client.create(AE_PATH, { 'm2m:cnt': { rn, mni: 120, acpi: [`${AE_PATH}/demo-acp`] } });
    log(`created container ${AE_PATH}/${rn}`);
  }

  const commands = await client.subscribe(`${AE_PATH}/commands`, { rn: 'on-command', net: [3] });
  commands.on('notification', (event) => onCommand(event));
  log(`subscribed to ${AE_PATH}/commands`);

  await publishState(undefined);
  ready = true;
  log(`ready: publishing a reading every ${INTERVAL_MS} ms to ${AE_PATH}/temperature`);
}

/** Create <AE>. If a previous run of this AE is still registered (4117), remove it and start clean. */
async function register() {
  const ae = { rn: AE_NAME, api: 'Nonem2m-ws-demo', rr: true, srv: ['3'] };
  try {
    await client.register(ae, { to: args.cse });
  } catch (error) {
    if (error?.rsc !== 4117 && error?.rsc !== 4105) throw error;
    log(`${ORIGINATOR} is still registered from an earlier run; deleting it and registering again`);
    await client.delete(AE_PATH);
    await client.register(ae, { to: args.cse });
  }
  log(`registered with ${args.url} as ${client.originator} (${args.serialization})`);
}

/** A command arrived: a notification about a new contentInstance in `commands`. */
async function onCommand(event) {
  const cin = event.representation?.['m2m:cin'];
  if (!cin) return; // e.g. the deletion notice of the subscription
  const command = parseContent(cin.con);
  if (command?.action !== 'heater' || typeof command.on !== 'boolean') {
    log('ignoring unknown command', cin.con);
    return;
  }
  sensor.heaterOn = command.on;
  log(`command ${command.id}: heater ${command.on ? 'ON' : 'OFF'}`);
  await publishState(command.id);
}

/** Writes the AE's state to `state`, acknowledging the command `ack` when there is one. */
async function publishState(ack) {
  const state = { heaterOn: sensor.heaterOn, ack, at: new Date().toISOString() };
  await client.create(`${AE_PATH}/state`, {
    'm2m:cin': { cnf: 'application/json:0', con: JSON.stringify(state) },
  });
  if (ack) log(`acknowledged command ${ack} in ${AE_PATH}/state`);
}

async function publishReading() {
  const value = sensor.read();
  const reading = { value, unit: '°C', at: new Date().toISOString() };
  await client.create(`${AE_PATH}/temperature`, {
    'm2m:cin': { cnf: 'application/json:0', con: JSON.stringify(reading) },
  });
  log(`published ${value.toFixed(2)} °C (heater ${sensor.heaterOn ? 'on' : 'off'})`);
}

function parseContent(con) {
  if (typeof con !== 'string') return con;
  try {
    return JSON.parse(con);
  } catch {
    return undefined;
  }
}

/** Every tick: publish when ready, otherwise (re)try the set-up. One operation at a time. */
async function tick() {
  if (stopping || setupInFlight) return;
  if (!ready) {
    setupInFlight = setUp()
      .catch((error) => {
        ready = false;
        log(`set-up failed (${describe(error)}); retrying`);
      })
      .finally(() => {
        setupInFlight = undefined;
      });
    return;
  }
  try {
    await publishReading();
  } catch (error) {
    ready = false;
    log(`publishing failed (${describe(error)}); setting up again`);
  }
}

function describe(error) {
  if (error?.rsc) return `rsc ${error.rsc} ${error.statusName ?? ''}`.trim();
  return error?.message ?? String(error);
}

const timer = setInterval(tick, INTERVAL_MS);
tick();

async function stop(signal) {
  if (stopping) return;
  stopping = true;
  clearInterval(timer);
  log(`${signal}: deregistering and closing`);
  await setupInFlight;
  const deadline = new Promise((resolve) => setTimeout(resolve, 2000).unref());
  await Promise.race([ready ? client.deregister().catch(() => {}) : Promise.resolve(), deadline]);
  await Promise.race([client?.close().catch(() => {}), deadline]);
  process.exit(0);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
