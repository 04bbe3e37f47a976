/**
 * `npm run bench`: measures the speed and memory targets the issues name and prints a table
 * (`--json` prints one JSON object for machines; `--only <text>` runs the benches whose id contains it).
 * Targets are reported, never asserted: a miss shows as "over" and sets exit code 0 all the same.
 */
import { SUITES } from './registry';
import type { Bench } from './types';

interface Row {
  id: string;
  issue: number;
  title: string;
  value: number | null;
  unit: string;
  target: number | null;
  status: 'ok' | 'over' | 'info' | 'error';
  detail: string;
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;

const benches: Bench[] = [];
for (const load of SUITES) benches.push(...(await load()));
const rows: Row[] = [];
for (const b of benches) {
  if (only && !b.id.includes(only)) continue;
  if (!json) process.stderr.write(`… ${b.id}\n`);
  try {
    const r = await b.run();
    rows.push({
      id: b.id,
      issue: b.issue,
      title: b.title,
      value: r.value,
      unit: b.unit,
      target: b.target ?? null,
      status: b.target === undefined ? 'info' : r.value <= b.target ? 'ok' : 'over',
      detail: r.detail ?? '',
    });
  } catch (e) {
    rows.push({
      id: b.id,
      issue: b.issue,
      title: b.title,
      value: null,
      unit: b.unit,
      target: b.target ?? null,
      status: 'error',
      detail: e instanceof Error ? e.message : String(e),
    });
  }
}

const fmt = (v: number | null) => (v === null ? '—' : Math.abs(v) >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(3));
if (json) {
  process.stdout.write(JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2) + '\n');
} else {
  const table = [
    ['issue', 'benchmark', 'value', 'target', 'status', 'detail'],
    ...rows.map((r) => [
      `#${r.issue}`,
      r.title,
      `${fmt(r.value)} ${r.unit}`,
      r.target === null ? '—' : `≤ ${fmt(r.target)} ${r.unit}`,
      r.status,
      r.detail,
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  for (const [i, row] of table.entries()) {
    process.stdout.write(
      row
        .map((c, j) => c.padEnd(widths[j]!))
        .join('  ')
        .trimEnd() + '\n',
    );
    if (i === 0) process.stdout.write(widths.map((w) => '-'.repeat(w)).join('  ') + '\n');
  }
}
process.exitCode = rows.some((r) => r.status === 'error') ? 1 : 0;
