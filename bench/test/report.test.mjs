/**
 * Checks of the report writer (no timing involved): `node --test bench/test/`.
 * The reliability section another part of the project appends must survive every bench run.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { buildFigures } from '../lib/figures.mjs';
import { preservedTail, RELIABILITY_MARKER, writeReport } from '../lib/report.mjs';

const report = (figures) => ({
  generatedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1000,
  env: {
    node: 'v20',
    platform: 'linux',
    arch: 'x64',
    cpus: 2,
    cpuModel: 'cpu',
    loadAverage: [0, 0, 0],
    scale: 1,
  },
  figures,
  errors: [],
  suites: {},
});

test('everything from the reliability marker on is carried over unchanged', () => {
  const dir = mkdtempSync(`${tmpdir()}/bench-report-`);
  const md = `${dir}/RESULTS.md`;
  const tail = `${RELIABILITY_MARKER}\n## Reliability\n\n| cases | 1000 |\n`;
  writeFileSync(md, `# old tables\n\n${tail}`);
  writeReport(report([]), { jsonPath: `${dir}/results.json`, mdPath: md, extraSections: [] });
  const written = readFileSync(md, 'utf8');
  assert.ok(written.endsWith(tail));
  assert.ok(!written.includes('# old tables'));
});

test('a report without a marker gets a bare marker and nothing after it', () => {
  assert.equal(preservedTail('# tables only\n'), `${RELIABILITY_MARKER}\n`);
});

test('ratios are SDK over baseline and targets are judged on them', () => {
  const figures = buildFigures({
    requests: {
      throughput: [
        {
          inFlight: 256,
          raw: { perSecond: 1000 },
          sdk: { perSecond: 900 },
          sdkValidated: { perSecond: 800 },
        },
      ],
      latency: {
        raw: { p50Ms: 0.1, p99Ms: 0.2 },
        sdk: { p50Ms: 0.11, p99Ms: 0.3 },
        sdkValidated: { p50Ms: 0.13, p99Ms: 0.3 },
      },
    },
  });
  const t = figures.find((f) => f.id === 'throughput.sdkValidated.inFlight256');
  assert.equal(t.ratio, 0.8);
  assert.equal(t.met, false);
  const l = figures.find((f) => f.id === 'latency.sdkValidated.p50');
  assert.ok(Math.abs(l.ratio - 1.3) < 1e-9);
  assert.equal(l.met, false);
  assert.equal(figures.find((f) => f.id === 'throughput.sdk.inFlight256').target, undefined);
});

test('a side that was not measured gives no ratio and no verdict', () => {
  const figures = buildFigures({
    requests: {
      throughput: [{ inFlight: 256, raw: { perSecond: 1000 } }],
      latency: { raw: { p50Ms: 0.1, p99Ms: 0.2 } },
      sdkError: 'not built',
    },
  });
  const t = figures.find((f) => f.id === 'throughput.sdkValidated.inFlight256');
  assert.equal(t.sdk, null);
  assert.equal(t.ratio, null);
  assert.equal(t.met, null);
});
