/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof) and sums self time per function and per source
 * area, so a profile can be quoted as evidence in a report without opening DevTools.
 */
import { readFileSync } from 'node:fs';

/** Which part of the stack a script URL belongs to. */
export function areaOf(url) {
  if (!url) return '(native / GC / idle)';
  const pkg = url.match(/packages\/([^/]+)\/dist\//);
  if (pkg) return `sdk:${pkg[1]}`;
  const dep = url.match(/node_modules\/\.pnpm\/([^/]+)\//);
  if (dep) return `dep:${dep[1].replace(/@[\d.]+(_.*)?$/, '')}`;
  if (url.includes('/bench/')) return 'bench harness';
  if (url.startsWith('node:')) return 'node core';
  return url;
}

/** Self time by function and by area, in ms, largest first. */
export function summarize(path, { top = 25 } = {}) {
  const profile = JSON.parse(readFileSync(path, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const fns = new Map();
  const areas = new Map();
  let total = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id);
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    if (name === '(idle)' || name === '(program)') continue;
    total += ms;
    const key = `${name}  ${url ? `${url.replace(/^.*\/(packages|node_modules\/\.pnpm)\//, '')}:${lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + ms);
    const area = name === '(garbage collector)' ? '(garbage collector)' : areaOf(url);
    areas.set(area, (areas.get(area) ?? 0) + ms);
  }
  const sorted = (m) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).map(([key, ms]) => ({ key, ms, share: ms / total }));
  return { totalBusyMs: total, functions: sorted(fns).slice(0, top), areas: sorted(areas) };
}
