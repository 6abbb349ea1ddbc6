/**
 * The dashboard example in headless Chromium against the embedded CSE and the Node AE example, all
 * built artifacts: live readings in the chart, a command round trip page → Node AE → page, JSON and
 * CBOR chosen from the page, recovery from a CSE restart without reloading. A failing test leaves a
 * screenshot in e2e/artifacts/.
 */
import path from 'node:path';
import type { Page, WebSocket as PageWebSocket } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, type Stack, startStack } from './support/stack.js';

let stack: Stack;
let page: Page;
/** What the page logged to its console, printed when a test fails. */
let consoleLines: string[] = [];
/** Frames the page received on its newest WebSocket: 'text' or 'binary'. */
let frameKinds: Array<'text' | 'binary'> = [];

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.stop();
});

afterEach(async (context) => {
  const failed = context.task.result?.state === 'fail';
  if (page && failed) {
    const file = path.join(artifactsDir, `${context.task.name.replace(/[^a-z0-9]+/gi, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    console.error(
      `screenshot: ${file}\npage console:\n${consoleLines.join('\n')}\nnode AE (last lines):\n${stack.aeLog.slice(-15).join('\n')}`,
    );
  }
  await page?.close().catch(() => {});
});

async function openDashboard(serialization: 'json' | 'cbor' = 'json'): Promise<Page> {
  consoleLines = [];
  frameKinds = [];
  page = await stack.browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
  // Only frames of the newest socket count: an earlier session's last frames (its deregistration)
  // may still arrive after the page switched serialization.
  let newest: PageWebSocket | undefined;
  page.on('websocket', (ws: PageWebSocket) => {
    newest = ws;
    ws.on('framereceived', (frame) => {
      if (ws === newest) frameKinds.push(typeof frame.payload === 'string' ? 'text' : 'binary');
    });
  });
  await page.goto(stack.dashboardUrl(serialization));
  await expectConnected();
  return page;
}

async function expectConnected(timeout = 30_000) {
  await page.waitForSelector('[data-testid="connection-state"][data-state="connected"]', { timeout });
}

const count = async (testId: string) => Number(await page.getByTestId(testId).getAttribute('data-points'));
const readingCount = async () => Number(await page.getByTestId('reading-count').textContent());

/** Polls `condition` (Node side) until it holds. */
async function waitFor(condition: () => boolean, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until `read()` exceeds `than`. */
async function waitAbove(read: () => Promise<number>, than: number, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (value <= than) {
    if (Date.now() > deadline)
      throw new Error(`still ${value}, expected more than ${than} within ${timeout} ms`);
    await page.waitForTimeout(200);
    value = await read();
  }
  return value;
}

/** Clicks the heater control and waits for the AE's acknowledgement to show on the page. */
async function roundTripCommand(): Promise<'ON' | 'OFF'> {
  const before = await page.getByTestId('heater-state').textContent();
  const want = before === 'ON' ? 'OFF' : 'ON';
  await page.getByTestId('heater-toggle').click();
  await page.waitForSelector('[data-testid="command-log"] li:first-child[data-status="acknowledged"]', {
    timeout: 15_000,
  });
  expect(await page.getByTestId('heater-state').textContent()).toBe(want);
  expect(stack.aeLog.some((line) => line.includes(`heater ${want}`))).toBe(true);
  return want;
}

describe('dashboard example (Chromium, script-tag bundle)', () => {
  it('shows stored and live readings in the chart and the latest value', async () => {
    // Let the AE store a few readings first: the page loads them (rcn 4) before subscribing.
    await waitFor(() => stack.aeLog.filter((line) => line.includes('] published ')).length >= 3);
    await openDashboard('json');
    const points = await count('chart');
    expect(points - (await readingCount())).toBeGreaterThanOrEqual(3);
    const received = await waitAbove(readingCount, 2);
    expect(await waitAbove(() => count('chart'), points + 2)).toBeGreaterThan(points);
    expect(received).toBeGreaterThan(2);
    expect(await page.getByTestId('latest-value').textContent()).toMatch(/^\d+\.\d\d$/);
    expect(frameKinds).toContain('text');
    expect(frameKinds).not.toContain('binary');
    await page.screenshot({ path: path.join(artifactsDir, 'dashboard-json.png') });
  });

  it('round-trips a command from the page to the Node AE and back', async () => {
    await openDashboard('json');
    const first = await roundTripCommand();
    const second = await roundTripCommand();
    expect(second).not.toBe(first);
    expect(await page.getByTestId('heater-ack').textContent()).toMatch(
      /Acknowledged by the sensor AE in \d+ ms/,
    );
    await page.screenshot({ path: path.join(artifactsDir, 'dashboard-command.png') });
  });

  it('works with CBOR, XML and back with JSON, each chosen on the page', async () => {
    await openDashboard('json');
    await page.getByTestId('serialization').selectOption('cbor');
    await expectConnected();
    expect(new URL(page.url()).searchParams.get('serialization')).toBe('cbor');
    frameKinds = [];
    const before = await readingCount();
    await waitAbove(readingCount, before + 2);
    await roundTripCommand();
    // Every frame of the CBOR session is binary.
    expect(frameKinds.length).toBeGreaterThan(0);
    expect(frameKinds.every((kind) => kind === 'binary')).toBe(true);
    expect((await page.getByTestId('subprotocol').textContent())?.toLowerCase()).toContain('cbor');
    await page.screenshot({ path: path.join(artifactsDir, 'dashboard-cbor.png') });

    // XML (text frames) works the same way.
    await page.getByTestId('serialization').selectOption('xml');
    await expectConnected();
    frameKinds = [];
    const xmlStart = await readingCount();
    await waitAbove(readingCount, xmlStart + 1);
    expect(frameKinds.every((kind) => kind === 'text')).toBe(true);
    expect((await page.getByTestId('subprotocol').textContent())?.toLowerCase()).toContain('xml');

    await page.getByTestId('serialization').selectOption('json');
    await expectConnected();
    frameKinds = [];
    const again = await readingCount();
    await waitAbove(readingCount, again + 1);
    expect(frameKinds.every((kind) => kind === 'text')).toBe(true);
    expect((await page.getByTestId('subprotocol').textContent())?.toLowerCase()).toContain('json');
  });

  it('serves the bundled web app (onem2m-ws/json through rollup), which lists live readings', async () => {
    consoleLines = [];
    page = await stack.browser.newPage();
    page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
    await page.goto(stack.dashboardUrl('json').replace('/?', '/web-app/?'));
    await page.waitForSelector('[data-testid="status"][data-state="connected"]', { timeout: 20_000 });
    await page.waitForSelector('[data-testid="readings"] li:nth-child(2)', { timeout: 15_000 });
    expect(await page.getByTestId('latest').textContent()).toMatch(/^\d+\.\d\d$/);
  });

  it('subscribes again when the Node AE crashes and re-creates its containers', async () => {
    await openDashboard('json');
    await waitAbove(readingCount, 1);
    const aeLines = stack.aeLog.length;
    await stack.restartAe();
    await waitFor(
      () => stack.aeLog.slice(aeLines).some((line) => line.includes('ready: publishing')),
      20_000,
    );
    const after = await readingCount();
    await waitAbove(readingCount, after + 2, 20_000);
    await expectConnected();
    await roundTripCommand();
  });

  it('recovers when the CSE restarts, without reloading the page', async () => {
    await openDashboard('json');
    await waitAbove(readingCount, 1);
    await page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });

    await stack.restartCse(async () => {
      // While the CSE is down, the page says so.
      await page.waitForSelector('[data-testid="connection-state"]:not([data-state="connected"])', {
        timeout: 15_000,
      });
      await page.screenshot({ path: path.join(artifactsDir, 'dashboard-reconnecting.png') });
    });
    // Then it comes back on its own: connected, new readings, a working command path.
    await expectConnected(30_000);
    const after = await readingCount();
    await waitAbove(readingCount, after + 2, 20_000);
    await roundTripCommand();
    expect(
      await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
    expect(consoleLines.some((line) => line.startsWith('pageerror'))).toBe(false);
  });
});
