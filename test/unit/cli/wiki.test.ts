/**
 * The `famous`, `rouge` and `wiki` commands as a user runs them: spawned Node processes, a scripted
 * OpenAI-compatible server on loopback with `/completions` (echo + logprobs) and `/embeddings`, a
 * small study (3 people, 4 questions each, 3 prefixes) killed mid-run and resumed without sending
 * a finished call again.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startScriptedServer, type ChatBody } from '../../doubles/openai-server';
import { scoringRoutes } from '../../doubles/scoring-routes';
import { plainReply, wikiReply } from '../../doubles/wiki-replies';

const dir = mkdtempSync(join(tmpdir(), 'wiki-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], onSpawn?: (kill: () => void) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    onSpawn?.(() => child.kill('SIGKILL'));
  });
}

describe('npm run cli -- famous', () => {
  it('prints the 50 people with name and the 15 columns, as JSONL and CSV', async () => {
    const j = await cli(['famous']);
    expect(j.code).toBe(0);
    const lines = j.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(50);
    expect(Object.keys(lines[0]!).slice(0, 16)).toEqual([
      'name',
      'race',
      'birth year',
      'gender',
      'sexual preference',
      'ethnicity',
      'family marriage status',
      'education level',
      'birth state',
      'birth country',
      'current state',
      'current country',
      'profession',
      'religion',
      'political affiliation',
      'economic status',
    ]);
    expect(lines.find((l) => l.name === 'Barack Obama')!.axes).toEqual([
      'age: Adults (20-64 years)',
      'gender: Male',
      'family marriage status: Married with children',
    ]);
    const c = await cli(['famous', '--format', 'csv']);
    expect(c.stdout.trim().split('\r\n')).toHaveLength(51);
    expect((await cli(['famous', '--format', 'xml'])).code).toBe(2);
  });
});

describe('npm run cli -- rouge', () => {
  it('prints one line per input with precision, recall and F1; names a bad line', async () => {
    const input = join(dir, 'rouge.jsonl');
    writeFileSync(
      input,
      [
        JSON.stringify({ id: 'a', prediction: 'the cat sat on the mat', references: ['the cat is on the mat'] }),
        JSON.stringify({ id: 2, prediction: 'running', references: ['a dog', 'runs'] }),
        JSON.stringify({ id: 'bad', prediction: 3, references: ['x'] }),
      ].join('\n') + '\n',
    );
    const r = await cli(['rouge', '--input', input, '--metric', 'rougeL', '--stem']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rouge\.jsonl, line 3, field "prediction": expected string, received number/);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out[0]).toEqual({ id: 'a', precision: 5 / 6, recall: 5 / 6, f1: expect.closeTo(5 / 6, 12) });
    expect(out[1]).toEqual({ id: 2, precision: 1, recall: 1, f1: 1 });
    expect((await cli(['rouge', '--input', input, '--metric', 'rouge3'])).code).toBe(2);
  });
});

describe('npm run cli -- wiki', () => {
  it('runs a small study against a server, survives a kill, resumes without re-sending finished calls', async () => {
    const extra: { path: string; body: Record<string, unknown> }[] = [];
    const reply = (b: ChatBody) => ({ content: wikiReply(b.messages, b.seed) ?? plainReply(b.messages) });
    const server = await startScriptedServer(reply, scoringRoutes(extra));
    const out = join(dir, 'study');
    const args = [
      'wiki',
      '--endpoint',
      server.url,
      '--model',
      'm',
      '--out',
      out,
      '--people',
      'Joe Biden,Halle Berry,Taylor Swift',
      '--personal',
      '2',
      '--divergent',
      '2',
      '--cots',
      '2',
      '--responses-per-cot',
      '3',
      '--reward-pool',
      '5',
      '--prefixes',
      'none,persona,persona-gold',
      '--concurrency',
      '2',
    ];
    try {
      const first = await cli(args, (kill) => {
        const t = setInterval(() => {
          if (server.answered.length >= 40) {
            clearInterval(t);
            kill();
          }
        }, 5);
      });
      expect(first.code).toBeNull(); // killed
      const answered = new Set(server.answered.map((b) => JSON.stringify(b)));
      const before = server.requests.length;
      const second = await cli(args);
      expect(second.code, second.stderr).toBe(0);
      const resent = server.requests.slice(before).filter((b) => answered.has(JSON.stringify(b)));
      expect(resent.length).toBeLessThanOrEqual(2); // at most the calls in flight when it was killed
      const summary = JSON.parse(second.stdout);
      expect(summary.status).toBe('done');
      expect(summary.counts.pairs).toBe(12);
      expect(summary.scoring.method).toBe('logprob');
      expect(summary.diversity).toEqual({ 'embeddings:m': 12 });
      // The generic reward filter (B.2) scored every candidate on the server: 6 made, the narrowest 5 kept.
      expect(summary.rewardFilter).toEqual({ scorer: 'openai-http:m', questions: 12 });
      expect(extra.some((e) => e.path === '/embeddings')).toBe(true);
      for (const f of ['results.json', 'questions.jsonl', 'pairs.jsonl', 'prefixes.jsonl', 'rewards.jsonl', 'trl.jsonl'])
        expect(existsSync(join(out, f)), f).toBe(true);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      expect(results.results.accuracy[0].method).toBe('logprob');
      expect(results.results.winRates.kinds).toEqual(['none', 'persona-strong']); // Table 3's F and T by default
      expect(readFileSync(join(out, 'trl.jsonl'), 'utf8').trim().split('\n')).toHaveLength(36);
      // A third run sends nothing at all.
      const n = server.requests.length;
      const e = extra.length;
      const third = await cli(args);
      expect(third.code).toBe(0);
      expect(server.requests.length).toBe(n);
      expect(extra.length).toBe(e); // the scoring method and every score are stored
      // Other options into the same directory: refused, nothing replaced.
      const other = await cli([...args.slice(0, -2), '--concurrency', '1', '--seed', '2']);
      expect(other.code).toBe(1);
      expect(other.stderr).toMatch(/holds another study/);
      expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).results.counts.pairs).toBe(12);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('falls back to the generative variant and TF-IDF on a server without scoring or embeddings, and says so', async () => {
    const reply = (b: ChatBody) => ({ content: wikiReply(b.messages, b.seed) ?? plainReply(b.messages) });
    const server = await startScriptedServer(reply);
    const out = join(dir, 'plain');
    try {
      const r = await cli([
        'wiki',
        '--endpoint',
        server.url,
        '--model',
        'm',
        '--out',
        out,
        '--people',
        'Rand Paul',
        '--personal',
        '2',
        '--divergent',
        '2',
        '--cots',
        '1',
        '--responses-per-cot',
        '5',
        '--reward-pool',
        '3',
        '--win-rate',
        '',
        '--api-key',
        'sk-wiki-test',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(server.authorizations.length).toBeGreaterThan(0);
      expect(new Set(server.authorizations)).toEqual(new Set(['Bearer sk-wiki-test'])); // the key goes with every request
      expect(r.stderr).toMatch(/TF-IDF/);
      expect(r.stderr).toMatch(/reward filter \(Appendix B\.2\) was skipped: openai-http:m could not score a given text/);
      expect(r.stderr).toMatch(/generatively/);
      const s = JSON.parse(r.stdout);
      expect(s.scoring.method).toBe('generative');
      expect(s.diversity.tfidf).toBeGreaterThan(0);
      expect(Object.keys(s.diversity).some((k) => k.startsWith('embeddings'))).toBe(false);
      expect(s.rewardFilter).toMatchObject({ scorer: 'skipped', questions: 0 });
    } finally {
      await server.close();
    }
  }, 60_000);

  it('stops with exit code 1 and says how to resume when the server cannot be reached', async () => {
    const r = await cli(['wiki', '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--out', join(dir, 'down'), '--retries', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/wiki: stopped \(0 of 4 steps done\): .*127\.0\.0\.1:9/);
    expect(r.stderr).toMatch(/run the same command again to resume/);
  }, 60_000);

  it('refuses unknown people and prefixes with a usage error', async () => {
    expect(
      (await cli(['wiki', '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--out', join(dir, 'x'), '--people', 'Nobody Here'])).code,
    ).toBe(2);
    expect(
      (await cli(['wiki', '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--out', join(dir, 'x'), '--prefixes', 'none,vpl'])).code,
    ).toBe(2);
  });
});
