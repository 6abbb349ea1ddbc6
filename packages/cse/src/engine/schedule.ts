/**
 * m2m:scheduleEntry matching (TS-0004 §6.3.3, used by `acco.actw`): seven space-separated fields
 * `second minute hour day-of-month month day-of-week year`, each `*`, a number, a range `a-b`,
 * a step `*\/n` or `a-b/n`, or a comma-separated list of those. Evaluated in UTC.
 */

const FIELD_RANGES: readonly [number, number][] = [
  [0, 59],
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
  [1970, 9999],
];

function fieldMatches(field: string, value: number, [min, max]: [number, number]): boolean | undefined {
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return undefined;
    let from = min;
    let to = max;
    if (range !== '*') {
      const bounds = range.split('-').map(Number);
      if (bounds.length > 2 || bounds.some((b) => !Number.isInteger(b))) return undefined;
      from = bounds[0]!;
      to = bounds.length === 2 ? bounds[1]! : stepText === undefined ? from : max;
    }
    if (value >= from && value <= to && (value - from) % step === 0) return true;
  }
  return false;
}

/** Whether `ms` falls in the schedule entry; `undefined` when the entry is malformed. */
export function scheduleMatches(entry: string, ms: number): boolean | undefined {
  const fields = entry.trim().split(/\s+/);
  if (fields.length !== 7) return undefined;
  const d = new Date(ms);
  const values = [
    d.getUTCSeconds(),
    d.getUTCMinutes(),
    d.getUTCHours(),
    d.getUTCDate(),
    d.getUTCMonth() + 1,
    d.getUTCDay(),
    d.getUTCFullYear(),
  ];
  let all = true;
  for (let i = 0; i < 7; i++) {
    const m = fieldMatches(fields[i]!, values[i]!, FIELD_RANGES[i]!);
    if (m === undefined) return undefined;
    all &&= m;
  }
  return all;
}
