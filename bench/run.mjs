#!/usr/bin/env node
/**
 * `pnpm bench` entry (after `pnpm build`): runs each suite in its own child process, one after
 * the other (the machine has 2 cores: the client under test gets one, its peer the other), then
 * writes bench/results.json and bench/RESULTS.md.
 *
 * Bounded: every suite has a deadline and the whole run a budget; a suite that overruns is
 * killed and reported as failed, the others still run. Load goes to 127.0.0.1 only.
 * `BENCH_SCALE=0.2` shortens every phase for a quick smoke run; `node bench/run.mjs codecs cse`
 * runs only the named suites (the report then holds only those); `node bench/run.mjs --render` rewrites
 * RESULTS.md from the last results.json (after editing findings.md). `BENCH_SOURCE=1` measures the
 * TypeScript sources through tsx instead of the build (for SDK work in progress; not for reports).
 * The report writer has its own checks: `node --test bench/test/`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { runSuite } from './lib/child.mjs';
import { SCALE } from './lib/config.mjs';
import { buildFigures } from './lib/figures.mjs';
import { writeReport } from './lib/report.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

/** Suites in run order, with their deadlines (ms, at BENCH_SCALE=1). */
const SUITES = [
  { name: 'bundle', timeoutMs: 30_000 },
  { name: 'codecs', timeoutMs: 45_000 },
  { name: 'requests', timeoutMs: 70_000 },
  { name: 'overhead', timeoutMs: 20_000 },
  { name: 'notifications', timeoutMs: 30_000 },
  { name: 'memory', timeoutMs: 30_000, execArgv: ['--expose-gc'] },
  { name: 'cse', timeoutMs: 45_000 },
];
/** Hard budget for all suites together; the build runs before and is not counted here. */
const RUN_BUDGET_MS = 100_000;

const METHOD = `## Method

- **Peers in child processes.** The echo responder (raw \`ws\` server answering a canned retrieve response
  with the request's \`rqi\`), the notification pusher, the black-hole peer and the embedded CSE each run in their
  own process, so the client under test has a core to itself (\`results.json\` records both sides' CPU share).
- **Baselines.** \`bench/lib/raw-client.mjs\`: a hand-rolled \`ws\` client, JSON only, one \`Map\` of pending
  resolvers keyed by \`rqi\`, no validation, no timers. Codecs: bare \`JSON.stringify\`/\`JSON.parse\` and bare
  \`cbor-x\` (\`Encoder\`/\`Decoder\` with \`useRecords: false\`, plain CBOR). Bundles: the same hand-rolled client
  for the browser's WebSocket, minified and gzipped like the SDK bundles.
- **SDK under test** is the built package (\`packages/*/dist\`, entry \`onem2m-ws/node\`), configured once in
  \`bench/lib/sdk-options.mjs\`: JSON, \`originator\` set, \`requestTimeout\` 60 s (a timer per request),
  \`maxInFlight\` raised so the load generator decides the concurrency. "SDK default" is that client as is (the
  codec's structural checks on receive, \`validateRequest\` on send). "SDK + response validation", the
  configuration the issue sets targets for, adds receive-side schema checks of every response and its \`pc\`
  (\`parseIncomingResponse\` + \`validateResource\`, \`bench/lib/validation.mjs\`) through the public
  \`validateResponse\` option, and \`parseIncomingRequest\` of incoming requests through the \`codecs\` option.
- **Phases.** Closed loop: N workers each awaiting one request at a time. Requests: every contender on its own
  connection; per level 100 ms warm-up each, then 6 slices of 150 ms per contender, alternating (order reversed
  every slice), rates pooled over the slices. Other suites: 100–200 ms warm-up, then rounds in alternating order,
  best round kept per side. Latency: every contender on its own connection, 16 slices of
  50 ms of sequential requests alternating between them (the round trip here has two modes that drift; slices
  keep the drift out of the ratio). Codecs: every operation measured in round-robin twice (80 ms each), best kept, counted per CPU-second of the
  process (time spent descheduled by other load does not count). Memory:
  \`--expose-gc\`, heap delta after GC around issuing 10,000 requests to a peer that never answers.
- **Noise.** Other processes share this 2-core machine; rates suffer most. CPU time per request (client process,
  user + system) and the in-process overhead suite are steadier: read those when rates disagree.
- **Profiling.** \`node bench/profile.mjs <suite> [sdk|raw]\` runs one side of a suite under \`--cpu-prof\` and prints
  self time by package and function. \`BENCH_PACKAGES=<dir>\` measures another build laid out like \`packages/\`
  (how the before/after of \`bench/findings.md\` was taken); \`bench/experiments/\` holds the A/B scripts.
- **Budget.** The suites take about a minute together (100 s hard limit); \`pnpm bench\` adds the build before them.`;

/**
 * Align the generated tables the way the repository's formatter (biome) does, for readers of the
 * raw file. The text goes through stdin under a neutral name, since biome.json leaves RESULTS.md
 * itself alone; on any failure the text is kept as rendered.
 */
function formatMarkdown(markdown) {
  const biome = here('../node_modules/.bin/biome');
  if (!existsSync(biome)) return markdown;
  const r = spawnSync(biome, ['format', '--stdin-file-path=bench/report-head.md'], {
    input: markdown,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return r.status === 0 && r.stdout.trim() ? r.stdout : markdown;
}

/** The sections after the tables: method, then the hand-written findings. */
function extraSections() {
  const findingsPath = here('./findings.md');
  return existsSync(findingsPath) ? [METHOD, readFileSync(findingsPath, 'utf8')] : [METHOD];
}

/** Write RESULTS.md (and results.json) for `report`, with the before/after table when bench/before.json exists. */
function write(report) {
  // bench/before.json: figures of the run before the optimisations of findings.md, kept for comparison.
  const beforePath = here('./before.json');
  const before = existsSync(beforePath) ? JSON.parse(readFileSync(beforePath, 'utf8')) : undefined;
  writeReport(report, {
    jsonPath: here('./results.json'),
    mdPath: here('./RESULTS.md'),
    extraSections: extraSections(),
    before,
    formatHead: formatMarkdown,
  });
}

async function main() {
  if (process.argv[2] === '--render') {
    // Re-render RESULTS.md from the last results.json (after editing findings.md); measures nothing.
    write(JSON.parse(readFileSync(here('./results.json'), 'utf8')));
    console.log('bench: re-rendered bench/RESULTS.md from bench/results.json');
    return;
  }
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !SUITES.some((s) => s.name === name));
  if (unknown.length > 0) {
    console.error(
      `bench: unknown suite ${unknown.join(', ')}; suites: ${SUITES.map((s) => s.name).join(', ')}`,
    );
    process.exit(2);
  }
  const suites = only.length > 0 ? SUITES.filter((s) => only.includes(s.name)) : SUITES;
  const started = Date.now();
  const loadAtStart = os.loadavg();
  const results = {};
  const errors = [];
  for (const suite of suites) {
    const left = RUN_BUDGET_MS - (Date.now() - started);
    if (left <= 5_000) {
      errors.push({ suite: suite.name, error: 'skipped: run budget exhausted' });
      continue;
    }
    const timeoutMs = Math.min(left, Math.round(suite.timeoutMs * Math.max(SCALE, 0.4)));
    const t0 = Date.now();
    process.stdout.write(`bench: ${suite.name} ... `);
    const result = await runSuite(here(`./suites/${suite.name}.mjs`), {
      timeoutMs,
      execArgv: suite.execArgv ?? [],
    });
    process.stdout.write(
      `${((Date.now() - t0) / 1000).toFixed(1)} s${result?.error ? ` FAILED: ${result.error.split('\n')[0]}` : ''}\n`,
    );
    if (result?.error) errors.push({ suite: suite.name, error: result.error });
    results[suite.name] = result;
  }
  const figures = buildFigures(results);
  const report = {
    generatedAt: new Date().toISOString(),
    durationMs: Date.now() - started,
    env: {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      loadAverage: loadAtStart,
      loadAverageAtEnd: os.loadavg(),
      scale: SCALE,
    },
    figures,
    errors,
    suites: results,
  };
  write(report);
  for (const f of figures.filter((x) => x.target)) {
    const state = f.met === null ? 'not measured' : f.met ? 'met' : 'MISSED';
    console.log(
      `target ${f.id}: ratio ${f.ratio === null ? '—' : f.ratio.toFixed(2)} (${f.target.op} ${f.target.value}) ${state}`,
    );
  }
  console.log('bench: wrote bench/results.json and bench/RESULTS.md');
}

await main();
// Helper children are killed on exit; nothing may keep the run alive.
process.exit(0);
