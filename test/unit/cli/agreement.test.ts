/**
 * The `agreement` command as a user runs it: a spawned Node process over ratings files, checked
 * against the contract of issue #5 and the published values of the fixtures.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'agreement-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI; resolves to exit code, stdout and stderr. */
function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'agreement', ...args], { cwd: root }, (error, out, err) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, out, err });
    });
  });
}
/** Writes a temporary ratings file. */
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const fixture = (name: string) => join(root, 'test/fixtures/ratings', name);

describe('npm run cli -- agreement', () => {
  it("prints the contract's JSON object: Cohen's kappa of the SAS example", async () => {
    const r = await cli('--input', fixture('sas-table10.csv'), '--metric', 'cohen');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['metric', 'value', 'n_items', 'n_raters', 'n_dropped', 'observed', 'expected', 'se', 'ci95']);
    expect(j).toMatchObject({ metric: 'cohen', n_items: 19, n_raters: 2, n_dropped: 0 });
    expect(j.value).toBeCloseTo(0.4842, 4);
    expect(j.se).toBeCloseTo(0.138, 4);
    expect(j.ci95[0]).toBeCloseTo(0.2137, 4);
    expect(j.ci95[1]).toBeCloseTo(0.7547, 4);
  });

  it('linear weights: the SAS weighted kappa 0.4701', async () => {
    const j = JSON.parse((await cli('--input', fixture('sas-table10.csv'), '--metric', 'cohen', '--weights', 'linear')).out);
    expect(j.value).toBeCloseTo(0.4701, 4);
    expect(j.se).toBeCloseTo(0.1457, 4);
  });

  it("Krippendorff's alpha with missing data (Krippendorff 2011, example C), nominal and interval", async () => {
    const nominal = JSON.parse((await cli('--input', fixture('krippendorff-2011-c.csv'), '--metric', 'krippendorff')).out);
    expect(nominal.value).toBeCloseTo(0.743, 3);
    expect(nominal).toMatchObject({ n_items: 11, n_raters: 4, n_dropped: 1, se: null, ci95: null });
    const interval = JSON.parse(
      (await cli('--input', fixture('krippendorff-2011-c.csv'), '--metric', 'krippendorff', '--level', 'interval')).out,
    );
    expect(interval.value).toBeCloseTo(0.849, 3);
  });

  it('Cohen drops items with a missing rating and counts them; undefined kappa is null, exit 0', async () => {
    const p = file('same.csv', 'a,b\nyes,yes\nyes,\nyes,yes\n,yes\n');
    const r = await cli('--input', p, '--metric', 'cohen');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      metric: 'cohen',
      value: null,
      n_items: 2,
      n_raters: 2,
      n_dropped: 2,
      observed: 1,
      expected: 1,
      se: null,
      ci95: null,
    });
  });

  it('--categories: an unused category changes AC1 (q = 3), and a label outside the list is bad input', async () => {
    const p = file('ab.csv', 'r1,r2\na,a\nb,b\na,b\na,a\n');
    const two = JSON.parse((await cli('--input', p, '--metric', 'gwet')).out);
    const three = JSON.parse((await cli('--input', p, '--metric', 'gwet', '--categories', 'a,b,c')).out);
    expect(three.value).not.toBeCloseTo(two.value, 6);
    const bad = await cli('--input', p, '--metric', 'gwet', '--categories', 'a,c');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/ab\.csv, line 3, field "r1": label "b" is not among the categories \(a, c\)/);
  });

  it('bootstrap: the same seed reproduces the interval exactly', async () => {
    const args = ['--input', fixture('krippendorff-2011-c.csv'), '--metric', 'krippendorff', '--bootstrap', '200', '--seed', '42'];
    const [one, two] = await Promise.all([cli(...args), cli(...args)]);
    expect(one.out).toBe(two.out);
    const j = JSON.parse(one.out);
    expect(j.ci95[0]).toBeLessThan(j.value);
    expect(j.se).toBeGreaterThan(0);
  });

  it.each([
    ['a row with the wrong number of cells', 'r1,r2\na,a\nb\n', ['--metric', 'fleiss'], /\.csv, line 3: has 1 cell, the header has 2/],
    [
      'cohen with three rater columns',
      'r1,r2,r3\na,a,b\n',
      ['--metric', 'cohen'],
      /cohen takes exactly two rater columns, the ratings have 3/,
    ],
    ['an unknown metric', 'r1,r2\na,a\n', ['--metric', 'kendall'], /unknown metric "kendall"/],
    [
      'interval alpha over text labels',
      'r1,r2\na,b\n',
      ['--metric', 'krippendorff', '--level', 'interval'],
      /interval alpha needs every category to be a number/,
    ],
    ['weights on alpha', 'r1,r2\n1,2\n', ['--metric', 'krippendorff', '--weights', 'linear'], /--weights does not apply to krippendorff/],
    ['bootstrap without a seed', 'r1,r2\n1,2\n', ['--metric', 'cohen', '--bootstrap', '10'], /--bootstrap needs --seed/],
    ['a repeated rater name', 'r1,r1\n1,2\n', ['--metric', 'cohen'], /\.csv, line 1, field "r1": the column "r1" appears twice/],
    [
      'a column that looks like item ids',
      'question,r1,r2\nq1,a,b\nq2,a,a\nq3,b,b\n',
      ['--metric', 'cohen'],
      /"question" looks like item ids .*say --id-column question .*or --id-column none/,
    ],
    [
      'an --id-column the file lacks',
      'r1,r2\na,b\n',
      ['--metric', 'cohen', '--id-column', 'item'],
      /line 1, field "item": there is no column "item"/,
    ],
  ])('bad input exits 2 with a message: %s', async (_what, text, args, message) => {
    const r = await cli('--input', file(`bad-${Math.random().toString(36).slice(2)}.csv`, text), ...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
  });

  it('reads id columns as items, never as raters, and says so', async () => {
    const p = file('ids.csv', '\uFEFFpair_id,r1,r2\r\np1,a,a\r\np2,b,b\r\np3,a,b\r\n');
    const r = await cli('--input', p, '--metric', 'cohen');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ n_items: 3, n_raters: 2 });
    expect(r.err).toMatch(/"pair_id" read as ids, not raters/);
    const q = file('q.csv', 'question,r1,r2\nq1,a,b\nq2,a,a\nq3,b,b\n');
    expect(JSON.parse((await cli('--input', q, '--metric', 'fleiss', '--id-column', 'question')).out)).toMatchObject({ n_raters: 2 });
    expect(JSON.parse((await cli('--input', q, '--metric', 'fleiss', '--id-column', 'none')).out)).toMatchObject({ n_raters: 3 });
  });

  it('a missing file exits 2', async () => {
    const r = await cli('--input', join(dir, 'nope.csv'), '--metric', 'cohen');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read .*nope\.csv: no such file/);
  });
});
