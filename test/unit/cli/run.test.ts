import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_PERSONAS } from '../../../src/core/personas/examples';
import { defaultPrompts } from '../../../src/core/prompts/default-set';
import type { TrlRecord } from '../../../src/core/pipeline/export-formats';
import { startScriptedServer, type ChatBody, type ScriptedReply } from '../../doubles/openai-server';
import { dpfResponder, templateOf } from '../../doubles/scripted-llm';

/** Runs the CLI in a child process; resolves with its exit code and output. */
function cli(
  args: string[],
  onSpawn?: (kill: () => void) => void,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    onSpawn?.(() => child.kill('SIGKILL'));
  });
}

const prompts = defaultPrompts()
  .filter((_, i) => i % 25 === 0)
  .slice(0, 12);
const asRequest = (b: ChatBody) => ({ messages: b.messages });

let dir = '';
function inputs(): { personas: string; prompts: string } {
  const personas = join(dir, 'personas.jsonl');
  writeFileSync(personas, EXAMPLE_PERSONAS.map((p) => JSON.stringify(p)).join('\n') + '\n');
  const file = join(dir, 'prompts.jsonl');
  // some lines give id, topic and split; the others only the text
  writeFileSync(
    file,
    prompts.map((p, i) => JSON.stringify(i % 2 ? { text: p.text } : { id: `q${i}`, text: p.text, topic: p.topic })).join('\n') + '\n',
  );
  return { personas, prompts: file };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'persona-lab-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli run against an OpenAI-compatible server on loopback', () => {
  it('makes every pair through garbage, empty and over-long outputs and HTTP errors, then re-runs without repeating finished work', async () => {
    const counts = new Map<string, number>();
    const judgeFails = prompts[3]!.text;
    const reply = (b: ChatBody, n: number): ScriptedReply => {
      const user = b.messages.at(-1)!.content;
      const t = templateOf(asRequest(b));
      const key = `${t}|${user}`;
      const seen = counts.get(key) ?? 0;
      counts.set(key, seen + 1);
      if (n === 2) return { status: 503 };
      if (n === 5) return { raw: '<html>proxy error</html>' };
      if (t === 'base' && user === prompts[1]!.text && seen === 0) return { content: '' };
      if (t === 'critique' && user.includes('age: 73') && seen === 0) return { content: '### lorem ipsum, no sections here' };
      if (t === 'revise' && user.includes(prompts[2]!.text))
        return { content: `REVISED PREFERENCE: ${'very '.repeat(2000)}long`, finish: 'length' };
      if (t === 'judge' && user.includes(judgeFails)) return { status: 400 };
      return { content: dpfResponder(asRequest(b)) };
    };
    const server = await startScriptedServer(reply);
    try {
      const out = join(dir, 'run1');
      const files = inputs();
      const args = [
        'run',
        '--endpoint',
        server.url,
        '--model',
        'test-model',
        '--personas',
        files.personas,
        '--prompts',
        files.prompts,
        '--out',
        out,
        '--per-persona',
        '3',
        '--seed',
        '7',
        '--concurrency',
        '2',
        '--judge',
      ];
      const first = await cli(args);
      expect(first.stderr).not.toMatch(/Error:|at .*\.ts:/);
      expect(first.code).toBe(0);
      const summary = JSON.parse(first.stdout) as {
        counts: { pairs: { total: number; done: number; failed: number }; requestsSent: number };
      };
      expect(summary.counts.pairs.total).toBe(20);
      const lines = readFileSync(join(out, 'pairs.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as TrlRecord);
      expect(lines).toHaveLength(20); // every pair has y_w; the judge failures only mark verdicts missing
      for (const l of lines) {
        expect(l.chosen).not.toMatch(/REVISED PREFERENCE|DONE/);
        expect(l.rejected.length).toBeGreaterThan(0);
        expect(l.models.generator).toBe(`openai-http:test-model@${server.url}`);
        expect(['train', 'seen-test', 'heldout-test']).toContain(l.split);
      }
      const long = lines.find((l) => l.prompt === prompts[2]!.text);
      if (long) expect(long.chosen.length).toBeGreaterThan(5000);
      const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
      expect(run.counts.requestsSent).toBe(server.requests.length);
      expect(run.counts.failures.calls).toBeGreaterThan(0);
      expect(run.counts.failures.unreadableOutputs).toBeGreaterThan(0);
      expect(run.manifest.templates['dpf-critique']).toMatch(/^dpf-critique@/);
      expect(run.manifest.config.generator.sampling).toEqual({ temperature: 0.7, top_p: 0.95, max_tokens: 400 });
      expect(run.judge[0].ywWinRate).toBeGreaterThan(0.8); // the over-long revisions confuse the scripted judge
      expect(run.judge[0].verdicts).toBe(2 * (20 - summary.counts.pairs.failed));
      expect(run.counts.baseAnswers.callsSavedBySharing).toBe(20 - run.counts.baseAnswers.slots);
      const judgeFailed = run.failedPairs.filter((f: { error: string }) => /answered 400/.test(f.error));
      expect(judgeFailed.length).toBe(summary.counts.pairs.failed);
      expect(run.status).toBe('done'); // every pair reached a final state: a 400 is the same the next time
      expect(run.counts.failures.pairsToRetry).toBe(0);
      // every request the HTTP client sent carried the sampling parameters
      expect(server.requests.every((r) => typeof r.seed === 'number' && r.max_tokens !== undefined)).toBe(true);
      expect(server.requests.filter((r) => templateOf(asRequest(r)) === 'judge').every((r) => r.response_format !== undefined)).toBe(true);

      const before = server.requests.length;
      const second = await cli(args);
      expect(second.code).toBe(0);
      expect(server.requests.length).toBe(before); // nothing is asked again: neither finished work nor refused requests
      const third = await cli([...args, '--retry-failed']);
      expect(third.code).toBe(0);
      const again = server.requests.slice(before);
      // --retry-failed asks only the judge calls that failed with HTTP 400
      expect(again.length).toBeGreaterThan(0);
      expect(again.every((r) => templateOf(asRequest(r)) === 'judge' && r.messages.at(-1)!.content.includes(judgeFails))).toBe(true);
      expect(readFileSync(join(out, 'pairs.jsonl'), 'utf8').trim().split('\n')).toHaveLength(20);
    } finally {
      await server.close();
    }
  });

  it('resumes after the process is killed mid-run without repeating requests for finished work', async () => {
    const server = await startScriptedServer((b) => ({ content: dpfResponder(asRequest(b)), delayMs: 25 }));
    try {
      const out = join(dir, 'killed');
      const files = inputs();
      const args = [
        'run',
        '--endpoint',
        server.url,
        '--model',
        'm',
        '--personas',
        files.personas,
        '--prompts',
        files.prompts,
        '--out',
        out,
        '--per-persona',
        '3',
        '--concurrency',
        '2',
      ];
      const first = await cli(args, (kill) => {
        const timer = setInterval(() => {
          if (server.answered.length >= 25) {
            clearInterval(timer);
            kill();
          }
        }, 5);
      });
      expect(first.signal).toBe('SIGKILL');
      const answeredBefore = new Set(server.answered.map((b) => JSON.stringify(b)));
      const sentBefore = server.requests.length;
      const second = await cli(args);
      expect(second.code).toBe(0);
      const repeated = server.requests.slice(sentBefore).filter((b) => answeredBefore.has(JSON.stringify(b)));
      // at most the answers that were on the wire when the process died (concurrency 2)
      expect(repeated.length).toBeLessThanOrEqual(2);
      const summary = JSON.parse(second.stdout);
      expect(summary.counts.pairs.done).toBe(20);
      expect(summary.counts.session.requestsSent).toBeLessThan(server.requests.length);
      expect(readFileSync(join(out, 'pairs.jsonl'), 'utf8').trim().split('\n')).toHaveLength(20);
    } finally {
      await server.close();
    }
  });

  it('exits 1 naming the host when the server cannot be reached, and 2 on a usage error', async () => {
    const files = inputs();
    const r = await cli([
      'run',
      '--retries',
      '1',
      '--endpoint',
      'http://127.0.0.1:9/v1',
      '--model',
      'm',
      '--personas',
      files.personas,
      '--prompts',
      files.prompts,
      '--out',
      join(dir, 'down'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Could not reach 127\.0\.0\.1:9/);
    expect(r.stderr).toMatch(/run the same command again to resume/);
    const u = await cli(['run', '--model', 'm']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/--endpoint is required/);
    const bad = await cli([
      'run',
      '--endpoint',
      'http://127.0.0.1:9/v1',
      '--model',
      'm',
      '--personas',
      join(dir, 'nope.jsonl'),
      '--prompts',
      files.prompts,
      '--out',
      join(dir, 'x'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Cannot read the personas file .*nope\.jsonl: it does not exist/);
  });
});
