/**
 * Writes bench/results.json and bench/RESULTS.md. Everything from the `<!-- reliability -->`
 * marker to the end of RESULTS.md belongs to the reliability work (issue 8) and is carried
 * over untouched on every run.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { GROUPS } from './figures.mjs';

export const RELIABILITY_MARKER = '<!-- reliability -->';

/** The part of an existing RESULTS.md this writer must keep (marker included), or the bare marker. */
export function preservedTail(markdown) {
  const at = markdown.indexOf(RELIABILITY_MARKER);
  return at >= 0 ? markdown.slice(at) : `${RELIABILITY_MARKER}\n`;
}

function num(value, unit) {
  if (value === null || value === undefined) return '—';
  if (unit.startsWith('µs')) return value.toFixed(1);
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}

function ratioCell(f) {
  if (f.ratio === null) return '—';
  return `**${f.ratio.toFixed(2)}×**`;
}

function targetCell(f) {
  if (!f.target) return '';
  const t = `${f.target.op === '>=' ? '≥' : '≤'} ${f.target.value}×`;
  if (f.met === null || f.met === undefined) return `${t}: not measured`;
  return `${t}: ${f.met ? 'met' : '**missed**'}`;
}

function table(figures) {
  const lines = [
    '| Measure | SDK | Baseline | Ratio SDK/baseline | Target | Baseline is |',
    '|---|---:|---:|---:|---|---|',
  ];
  const missing = new Set();
  for (const f of figures) {
    if (f.sdk === null && f.note) missing.add(f.note);
    const note = f.sdk !== null && f.note ? ` (${f.note})` : '';
    lines.push(
      `| ${f.label} | ${num(f.sdk, f.unit)} ${f.unit} | ${num(f.baseline, f.unit)} ${f.unit} | ${ratioCell(f)} | ${targetCell(f)} | ${f.baselineLabel}${note} |`,
    );
  }
  for (const reason of missing) lines.push('', `SDK side not measured: ${reason}`);
  return lines.join('\n');
}

/** Bytes per package inside the two bundles, so the size figures say where the bytes come from. */
function compositionTable(compositions) {
  if (!compositions?.scriptTag || !compositions?.jsonOnly) return [];
  const byPart = new Map();
  for (const [key, c] of [
    ['scriptTag', compositions.scriptTag],
    ['jsonOnly', compositions.jsonOnly],
  ]) {
    for (const p of c.parts) byPart.set(p.part, { ...byPart.get(p.part), [key]: p });
  }
  const cell = (p) =>
    p ? `${p.renderedBytes.toLocaleString('en-US')} B (${(p.share * 100).toFixed(0)}%)` : '—';
  const lines = [
    'Composition: bytes per package after tree-shaking, before minification (rollup `renderedLength`).',
    '',
    '| Package | Script-tag bundle | JSON-only import |',
    '|---|---:|---:|',
  ];
  for (const [part, v] of byPart) lines.push(`| ${part} | ${cell(v.scriptTag)} | ${cell(v.jsonOnly)} |`);
  lines.push('');
  return lines;
}

/** Figures compared before and after an optimisation, when a `before` run is given. */
const COMPARED = [
  'throughput.sdk.inFlight256',
  'throughput.sdk.inFlight16',
  'throughput.sdk.inFlight1',
  'latency.sdk.p50',
  'cpuPerRequest.sdk.inFlight256',
  'cpuPerRequest.sdk.inFlight1',
  'overhead.sdk.cpuPerRequest',
  'notifications.cpuPerNotification',
  'memory.heapBytesPerPending',
  'codecs.retrieveCin1KB.cbor.encode',
  'codecs.discovery100.cbor.encode',
];

function beforeAfterTable(before, figures) {
  if (!before?.figures) return [];
  const old = new Map(before.figures.map((f) => [f.id, f]));
  const ratio = (f) => (f?.ratio === null || f?.ratio === undefined ? '—' : `${f.ratio.toFixed(2)}×`);
  const lines = [
    '## Before / after',
    '',
    `Before: ${before.note}. After: this run. Ratios are SDK/baseline of the same run (compare those: codec rates were per wall-clock second before, per CPU-second now); see \`bench/findings.md\` for what changed.`,
    '',
    '| Measure | SDK before | Ratio before | SDK after | Ratio after |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const id of COMPARED) {
    const now = figures.find((f) => f.id === id);
    const then = old.get(id);
    if (!now && !then) continue;
    const f = now ?? then;
    lines.push(
      `| ${GROUP_SHORT[f.group] ?? f.group}: ${f.label} | ${num(then?.sdk, f.unit)} ${f.unit} | ${ratio(then)} | ${num(now?.sdk, f.unit)} ${f.unit} | ${ratio(now)} |`,
    );
  }
  lines.push('');
  return lines;
}

const GROUP_SHORT = {
  throughput: 'Throughput',
  latency: 'Latency',
  requestCpu: 'CPU/request',
  codecParts: 'Codec',
  overhead: 'No network',
  notifications: 'Notifications',
  memory: 'Memory',
};

/** Render the markdown report (without the preserved tail). */
export function renderMarkdown(report, { extraSections = [], before } = {}) {
  const { env, figures } = report;
  const out = [];
  out.push('# Benchmark results');
  out.push('');
  out.push(
    `Written by \`pnpm bench\` (\`bench/run.mjs\`) on ${report.generatedAt}; machine-readable copy in \`bench/results.json\`. ` +
      'Every figure is a ratio against a baseline measured in the same run, absolute values beside it. ' +
      'Load goes to 127.0.0.1 only, every phase is bounded in time, peers run in child processes.',
  );
  out.push('');
  out.push(
    `Environment: Node ${env.node}, ${env.platform}/${env.arch}, ${env.cpus} × ${env.cpuModel}, ` +
      `load average (1/5/15 min) ${env.loadAverage.map((l) => l.toFixed(2)).join(' / ')} at start` +
      `${env.loadAverageAtEnd ? `, ${env.loadAverageAtEnd.map((l) => l.toFixed(2)).join(' / ')} at end` : ''}` +
      `${env.scale !== 1 ? `, **BENCH_SCALE=${env.scale}** (shortened phases)` : ''}; run took ${(report.durationMs / 1000).toFixed(0)} s ` +
      '(suites only, after the build).',
  );
  out.push('');
  const targets = figures.filter((f) => f.target);
  if (targets.length > 0) {
    out.push('## Targets (issue 7)');
    out.push('');
    out.push(table(targets));
    out.push('');
  }
  for (const [group, title] of Object.entries(GROUPS)) {
    const rows = figures.filter((f) => f.group === group);
    if (rows.length === 0) continue;
    out.push(`## ${title}`);
    out.push('');
    out.push(table(rows));
    out.push('');
    if (group === 'bundle') out.push(...compositionTable(report.suites?.bundle?.compositions));
  }
  out.push(...beforeAfterTable(before, figures));
  if (report.errors.length > 0) {
    out.push('## Suites that failed in this run');
    out.push('');
    for (const e of report.errors) out.push(`- \`${e.suite}\`: ${e.error.split('\n')[0]}`);
    out.push('');
  }
  for (const section of extraSections) {
    out.push(section.trim());
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/**
 * Write both files; returns the markdown written. `formatHead` may lay out the generated part
 * (e.g. align tables); it never sees the preserved reliability tail.
 */
export function writeReport(report, { jsonPath, mdPath, extraSections, before, formatHead = (md) => md }) {
  writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  const previous = existsSync(mdPath) ? readFileSync(mdPath, 'utf8') : '';
  // Only this writer's part is formatted; the preserved tail is written back byte for byte.
  const head = formatHead(renderMarkdown(report, { extraSections, before })).replace(/\n*$/, '\n\n');
  const markdown = head + preservedTail(previous);
  writeFileSync(mdPath, markdown);
  return markdown;
}
