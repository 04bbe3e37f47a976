import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPersonaFile } from '../../../src/core/personas/io';
import { PERSONA_KEYS } from '../../../src/core/personas/schema';
import { parsePersonasArgs } from '../../../src/cli/commands/personas';
import { startScriptedServer } from '../../doubles/openai-server';

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

describe('CLI personas with the LLM consistency review', () => {
  it('replaces the personas the model rejects by the next draw, keeps ids and splits, and reports the share rejected', async () => {
    // The scripted reviewer rejects everyone younger than 30 (an arbitrary rule the test can check).
    const server = await startScriptedServer((b) => {
      const age = Number(/\bage: (\d+)/.exec(b.messages.at(-1)!.content)?.[1]);
      return { content: age < 30 ? 'IMPLAUSIBLE\nToo young for this profile.' : 'PLAUSIBLE\nNothing contradicts.' };
    });
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'personas', ...args], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    try {
      const plain = await run(['--count', '30', '--seed', 'rv']);
      const reviewed = await run(['--count', '30', '--seed', 'rv', '--review-endpoint', server.url, '--review-model', 'm']);
      expect(reviewed.code, reviewed.stderr).toBe(0);
      const a = plain.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const b = reviewed.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(b.map((p) => [p.id, p.split])).toEqual(a.map((p) => [p.id, p.split]));
      const young = a.filter((p) => (p.age as number) < 30).length;
      expect(young).toBeGreaterThan(0);
      // Rejected first drafts were redrawn; a redraw the model accepts is 30 or older.
      a.forEach((p, i) => {
        if ((p.age as number) >= 30) expect(b[i]).toEqual(p);
      });
      expect(b.filter((p) => (p.age as number) >= 30).length).toBeGreaterThan(a.filter((p) => (p.age as number) >= 30).length);
      expect(reviewed.stderr).toMatch(
        new RegExp(`review by m at .*: ${young} of 30 first drafts rejected \\(${((100 * young) / 30).toFixed(1)}%`),
      );
      expect(server.requests.every((r) => r.model === 'm')).toBe(true);
      expect(cli('--review-endpoint', server.url).status).toBe(2);
    } finally {
      await server.close();
    }
  }, 60_000);
});
