#!/usr/bin/env node
/**
 * Profile the SDK side of one suite: `node bench/profile.mjs requests` (after `pnpm build`).
 * Runs the suite with `--cpu-prof` and BENCH_ONLY=sdk (the baseline phases are skipped, so the
 * profile holds only SDK work), then prints self time by area and by function. The raw
 * `.cpuprofile` stays in bench/profiles/ (git-ignored) for DevTools.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { summarize } from './lib/cpuprofile-summary.mjs';

const suite = process.argv[2] ?? 'requests';
const only = process.argv[3] ?? 'sdk';
const dir = fileURLToPath(new URL(`./profiles/${suite}-${only}`, import.meta.url));
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const script = fileURLToPath(new URL(`./suites/${suite}.mjs`, import.meta.url));
const source =
  process.env.BENCH_SOURCE === '1'
    ? ['--import', new URL('./lib/source-register.mjs', import.meta.url).href]
    : [];
const run = spawnSync(
  process.execPath,
  [...source, '--cpu-prof', `--cpu-prof-dir=${dir}`, '--expose-gc', script],
  {
    env: { ...process.env, BENCH_ONLY: only },
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 120_000,
  },
);
if (run.status !== 0) {
  console.error(`profile: suite exited with ${run.status ?? run.signal}`);
  process.exit(1);
}
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) {
  console.error('profile: no .cpuprofile written');
  process.exit(1);
}
const { totalBusyMs, functions, areas } = summarize(`${dir}/${file}`, { top: Number(process.env.TOP ?? 30) });
const pct = (s) => `${(s * 100).toFixed(1).padStart(5)}%`;
console.log(`${suite} (${only} only): ${totalBusyMs.toFixed(0)} ms busy; profile ${dir}/${file}\n`);
console.log('self time by area');
for (const a of areas) console.log(`  ${pct(a.share)}  ${a.key}`);
console.log('\nself time by function');
for (const f of functions) console.log(`  ${pct(f.share)}  ${f.key}`);
