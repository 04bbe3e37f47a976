import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPersonaFile } from '../../../src/core/personas/io';
import { PERSONA_KEYS } from '../../../src/core/personas/schema';
import { parsePersonasArgs } from '../../../src/cli/commands/personas';

/** Runs the CLI exactly as the contract says: npm run cli -- personas … */
const cli = (...args: string[]) =>
  spawnSync('npm', ['run', '--silent', 'cli', '--', 'personas', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

describe('CLI personas (contract)', () => {
  it('writes 1,586 personas of pure JSONL to stdout by default, split 1,000/586, messages on stderr', async () => {
    const r = spawnSync('npm', ['run', 'cli', '--', 'personas'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(1586);
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const o of objects) expect(Object.keys(o)).toEqual(['id', 'split', ...PERSONA_KEYS]);
    expect(objects.filter((o) => o.split === 'train')).toHaveLength(1000);
    expect(objects.filter((o) => o.split === 'test')).toHaveLength(586);
    const parsed = await readPersonaFile('stdout.jsonl', r.stdout);
    expect(parsed.ok).toBe(true);
    expect(r.stderr).toMatch(/1,586 personas \(1,000 train, 586 test\)/);
  }, 60_000);

  it('is reproducible and honours count, seed, ages, csv and --out', async () => {
    const a = cli('--count', '40', '--seed', 'abc', '--min-age', '20', '--max-age', '30');
    const b = cli('--seed', 'abc', '--count=40', '--max-age', '30', '--min-age', '20');
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const jsonl = await readPersonaFile('stdout.jsonl', a.stdout);
    if (!jsonl.ok) throw new Error('bad JSONL');
    expect(jsonl.personas).toHaveLength(40);
    for (const p of jsonl.personas) expect(p.age as number).toBeGreaterThanOrEqual(20);
    for (const p of jsonl.personas) expect(p.age as number).toBeLessThanOrEqual(30);
    const dir = mkdtempSync(join(tmpdir(), 'personas-cli-'));
    const out = join(dir, 'set.csv');
    const c = cli('--count', '40', '--seed', 'abc', '--min-age', '20', '--max-age', '30', '--format', 'csv', '--out', out);
    expect(c.status).toBe(0);
    expect(c.stdout).toBe('');
    expect(await readPersonaFile(out, readFileSync(out, 'utf8'))).toEqual(jsonl);
  }, 60_000);

  it('exits 2 with a message on stderr and nothing on stdout for bad arguments', () => {
    for (const args of [
      ['--count', '-5'],
      ['--count', 'ten'],
      ['--format', 'xml'],
      ['--min-age', '50', '--max-age', '10'],
      ['--bogus'],
      ['--pums', '/no/such/file.csv'],
      ['--seed'],
    ]) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/Usage: npm run cli -- personas/);
    }
  }, 60_000);

  it('builds the census model from PUMS files given with --pums, naming a malformed file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'personas-pums-'));
    const bad = join(dir, 'psam_p99.csv');
    writeFileSync(bad, 'RT,SERIALNO\nP,1\n');
    const r = cli('--count', '3', '--pums', bad);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/psam_p99\.csv/);
  }, 60_000);
});

describe('CLI personas argument parsing', () => {
  it('takes several files after --pums and --pums-housing', () => {
    const f = join(mkdtempSync(join(tmpdir(), 'personas-args-')), 'psam_p01.csv');
    writeFileSync(f, '');
    expect(parsePersonasArgs(['--pums', f, f, '--pums-housing', f, '--count', '3'])).toMatchObject({
      pums: [f, f],
      pumsHousing: [f],
      count: 3,
      seed: '0',
      format: 'jsonl',
    });
    expect(() => parsePersonasArgs(['--pums-housing', f])).toThrow(/needs --pums/);
    expect(() => parsePersonasArgs(['--count', '3', '--count', '4'])).toThrow(/given twice/);
  });
});
