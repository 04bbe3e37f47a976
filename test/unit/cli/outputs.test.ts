// The CLI's files: the output folder's lock taken atomically, outputs that are whole or absent,
// readable errors for missing, read-only or full destinations, a quiet exit when stdout goes away,
// and an --out that holds another configuration's results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtomicFile, OutputError, writeFileAtomic } from '../../../src/cli/output-files';
import { FileStore } from '../../../src/cli/pipeline/file-store';
import { EXAMPLE_PERSONAS } from '../../../src/core/personas/examples';
import { defaultPrompts } from '../../../src/core/prompts/default-set';
import { cli } from './cli-process';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'persona-lab-outputs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `n` lock children (test/unit/cli/lock-child.ts) that all begin at the same moment; resolves with their output. */
async function race(n: number, args: (startAt: number) => string[]): Promise<string[]> {
  const startAt = Date.now() + 2500; // time for every child to start (tsx) before the shared moment
  const runs = Array.from(
    { length: n },
    () =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'test/unit/cli/lock-child.ts', ...args(startAt)], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.on('close', () => resolve(out.trim()));
      }),
  );
  return Promise.all(runs);
}

describe('the output folder lock', () => {
  it('is taken by exactly one of several processes started together, also over a dead owner’s stale lock', async () => {
    for (let round = 0; round < 2; round++) {
      const folder = join(dir, `lock-${round}`);
      if (round > 0) {
        mkdirSync(folder, { recursive: true });
        const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
        writeFileSync(join(folder, '.lock'), `${dead.stdout}\n`); // left by a process that is gone
      }
      const lines = await race(4, (at) => ['once', folder, String(at), '1500']);
      expect(lines.filter((l) => l === 'got')).toHaveLength(1);
      for (const l of lines.filter((l) => l !== 'got')) expect(l).toMatch(/^busy Another Persona Lab process \(pid \d+\) is using /);
      expect(existsSync(join(folder, '.lock'))).toBe(false); // released when the winner closed
      expect(readdirSync(folder).filter((f) => f.includes('.lock.'))).toEqual([]);
    }
  });

  it('is never held by two processes at once when three take and release it as fast as they can', async () => {
    const lock = join(dir, 'hammer.lock');
    const log = join(dir, 'hammer.log');
    const holds = await race(3, (at) => ['hammer', lock, String(at), '1500', log]);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(100);
    expect(holds.every((h) => Number(h) > 0)).toBe(true); // every process got it at times
    for (let i = 0; i < lines.length; i += 2) {
      expect(lines[i]).toMatch(/^in \d+$/);
      expect(lines[i + 1]).toBe(lines[i]!.replace('in', 'out')); // nobody came in while it was held
    }
  });

  it('is released when the process exits without closing the store', () => {
    const folder = join(dir, 'exit');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/unit/cli/lock-child.ts', 'once', folder, '0', 'exit'], {
      encoding: 'utf8',
    });
    expect(r.stdout.trim()).toBe('got');
    expect(existsSync(join(folder, '.lock'))).toBe(false);
    new FileStore(folder).close();
  });
});

describe('atomic outputs', () => {
  it('puts a file in place only when it is complete, and leaves the old one when aborted', () => {
    const path = join(dir, 'atomic.txt');
    writeFileAtomic(path, 'old\n');
    const f = new AtomicFile(path, 'test file');
    f.write('new ');
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    f.abort();
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    const g = new AtomicFile(path, 'test file');
    g.write('new\n');
    g.commit();
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('names the file and what was wrong: missing folder, a file where a folder should be, read-only, full', () => {
    expect(() => new AtomicFile(join(dir, 'nope', 'x.jsonl'), 'personas file')).toThrow(
      new RegExp(`Cannot write the personas file .*nope/x\\.jsonl: the folder .*nope does not exist\\.`),
    );
    writeFileSync(join(dir, 'plain'), '');
    expect(() => new AtomicFile(join(dir, 'plain', 'x.jsonl'), 'pairs file')).toThrow(/a part of the path is a file, not a folder/);
    const err = (code: string) => Object.assign(new Error(`${code}: raw`), { code });
    expect(new OutputError('run log', '/d/items.jsonl', err('ENOSPC')).message).toBe(
      'Cannot write the run log /d/items.jsonl: the disk is full.',
    );
    expect(new OutputError('run log', '/d/x', err('EROFS')).message).toMatch(/the file system is read-only/);
    expect(new OutputError('run log', '/d/x', err('EACCES')).message).toMatch(/permission denied/);
  });

  it('personas --out: a missing folder is one readable line, a killed run leaves the old file whole', async () => {
    const missing = await cli(['personas', '--count', '5', '--out', join(dir, 'missing', 'p.jsonl')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^personas: Cannot write the personas file .*p\.jsonl: the folder .*missing does not exist\.$/);
    const out = join(dir, 'personas.jsonl');
    expect((await cli(['personas', '--count', '5', '--out', out])).code).toBe(0);
    const before = readFileSync(out, 'utf8');
    const killed = await cli(['personas', '--count', '2000000', '--out', out], {
      onSpawn: (child) => child.stderr?.once('data', () => undefined) && setTimeout(() => child.kill('SIGKILL'), 2500),
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('personas | head exits quietly, and a full disk on stdout is said in words', async () => {
    const piped = await cli(['personas', '--count', '200000'], {
      onSpawn: (child) => child.stdout?.once('data', () => child.stdout?.destroy()),
    });
    expect(piped.code).toBe(0);
    expect(piped.stderr).not.toMatch(/EPIPE|Error|at /);
    const full = spawnSync('sh', ['-c', `"${process.execPath}" --import tsx src/cli/main.ts personas --count 50 > /dev/full`], {
      encoding: 'utf8',
    });
    expect(full.status).toBe(1);
    expect(full.stderr.trim()).toBe('Cannot write to standard output: the disk is full.');
  });
});

describe('an --out that holds another configuration', () => {
  it('is refused unless --force, naming both runs', async () => {
    const personas = join(dir, 'in-personas.jsonl');
    writeFileSync(
      personas,
      EXAMPLE_PERSONAS.slice(0, 1)
        .map((p) => JSON.stringify(p))
        .join('\n') + '\n',
    );
    const prompts = join(dir, 'in-prompts.jsonl');
    writeFileSync(
      prompts,
      defaultPrompts()
        .slice(0, 6)
        .map((p) => JSON.stringify({ text: p.text }))
        .join('\n') + '\n',
    );
    const out = join(dir, 'shared-out');
    const args = (seed: string) => [
      'batch',
      'export',
      '--model',
      'm',
      '--personas',
      personas,
      '--prompts',
      prompts,
      '--out',
      out,
      '--seed',
      seed,
    ];
    expect((await cli(args('1'))).code).toBe(0);
    const first = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).runId as string;
    expect((await cli(args('1'))).code).toBe(0); // the same configuration goes on
    const other = await cli(args('2'));
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(
      new RegExp(`holds the results of another configuration \\(${first}; this one is run-[0-9a-f]+\\).*--force`),
    );
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).runId).toBe(first);
    const forced = await cli([...args('2'), '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/--force: .* held the results of run-/);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).runId).not.toBe(first);
  });
});
