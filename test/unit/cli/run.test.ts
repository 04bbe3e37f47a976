import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_PERSONAS } from '../../../src/core/personas/examples';
import { renderPersona } from '../../../src/core/personas/render';
import { defaultPrompts } from '../../../src/core/prompts/default-set';
import type { TrlRecord } from '../../../src/core/pipeline/export-formats';
import { startScriptedServer, type ChatBody, type ScriptedReply } from '../../doubles/openai-server';
import { dpfResponder, revisionLabel, templateOf } from '../../doubles/scripted-client';

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
      const run0 = () => JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
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
      const cutPairs = run0().counts.truncated.pairs;
      expect(cutPairs).toBeGreaterThan(0); // the revisions that never end fail as truncated
      expect(lines).toHaveLength(20 - cutPairs); // the judge failures only mark verdicts missing
      for (const l of lines) {
        expect(l.chosen).not.toMatch(/REVISED PREFERENCE|DONE/);
        expect(l.rejected.length).toBeGreaterThan(0);
        expect(l.models.generator).toBe(`openai-http:test-model@${server.url}`);
        expect(['train', 'seen-test', 'heldout-test']).toContain(l.split);
      }
      expect(lines.find((l) => l.prompt === prompts[2]!.text)).toBeUndefined(); // no cut-off text
      const run = run0();
      expect(run.counts.requestsSent).toBe(server.requests.length);
      expect(run.counts.failures.calls).toBeGreaterThan(0);
      expect(run.counts.failures.unreadableOutputs).toBeGreaterThan(0);
      expect(run.manifest.templates['dpf-critique']).toMatch(/^dpf-critique@/);
      expect(run.manifest.config.generator.sampling).toEqual({ temperature: 0.7, top_p: 0.95, max_tokens: 1024 });
      expect(run.judge[0].ywWinRate).toBeGreaterThan(0.8); // the over-long revisions confuse the scripted judge
      expect(run.judge[0].verdicts).toBe(2 * (20 - summary.counts.pairs.failed));
      expect(run.counts.baseAnswers.callsSavedBySharing).toBe(20 - run.counts.baseAnswers.slots);
      const judgeFailed = run.failedPairs.filter((f: { error: string }) => /answered 400/.test(f.error));
      const cutFailed = run.failedPairs.filter((f: { error: string }) => /cut off at the token limit/.test(f.error));
      expect(cutFailed.length).toBe(cutPairs);
      expect(judgeFailed.length + cutFailed.length).toBe(summary.counts.pairs.failed);
      expect(run.status).toBe('done'); // every pair reached a final state: a 400 or a cut-off answer is the same the next time
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
      // --retry-failed asks only what failed for good: the judge calls refused with HTTP 400 and the
      // revisions cut off at the token limit (a new round: cut off again, so still left out)
      const judgedAgain = again.filter((r) => templateOf(asRequest(r)) === 'judge');
      const revisedAgain = again.filter((r) => templateOf(asRequest(r)) === 'revise');
      expect(judgedAgain.length).toBeGreaterThan(0);
      expect(judgedAgain.every((r) => r.messages.at(-1)!.content.includes(judgeFails))).toBe(true);
      expect(revisedAgain.every((r) => r.messages.at(-1)!.content.includes(prompts[2]!.text))).toBe(true);
      expect(revisedAgain).toHaveLength(2 * cutPairs); // per pair: the budget, then twice the budget
      expect(judgedAgain.length + revisedAgain.length).toBe(again.length);
      expect(readFileSync(join(out, 'pairs.jsonl'), 'utf8').trim().split('\n')).toHaveLength(20 - cutPairs);
    } finally {
      await server.close();
    }
  });

  it('against a server that ignores response_format, answers verdicts in prose and cuts answers: no wrong verdict, undecided ones empty, no cut-off text, the sampling flags sent', async () => {
    const words = (n: number, tag: string) => `${tag} ${'word '.repeat(n - 2)}END`;
    const undecided = EXAMPLE_PERSONAS[0]!;
    const reply = (b: ChatBody): ScriptedReply => {
      const user = b.messages.at(-1)!.content;
      const t = templateOf(asRequest(b));
      // prompt 1's base answer needs the larger budget; prompt 2's never fits; the rest are short
      if (t === 'base' && user === prompts[1]!.text) return { content: words(60, 'LONG') };
      if (t === 'base' && user === prompts[2]!.text) return { content: words(500, 'ENDLESS') };
      if (t === 'judge') {
        const system = b.messages[0]!.content;
        const none = system.includes(renderPersona(undecided));
        return { content: JSON.stringify({ preferred: none ? 'none' : revisionLabel(asRequest(b)), reason: 'mine' }) };
      }
      return { content: dpfResponder(asRequest(b)) };
    };
    const server = await startScriptedServer(reply, {}, { proseVerdicts: true, cutAtMaxTokens: true });
    try {
      const out = join(dir, 'prose');
      const files = inputs();
      const sampling = [
        '--temperature',
        '0.5',
        '--top-p',
        '0.9',
        '--max-tokens',
        '40',
        '--judge-temperature',
        '0.1',
        '--judge-max-tokens',
        '60',
      ];
      const args = ['run', '--endpoint', server.url, '--model', 'small', '--personas', files.personas, '--prompts', files.prompts];
      const r = await cli([...args, '--out', out, '--per-persona', '6', '--judge', '--yl', 'shared', ...sampling]);
      expect(r.stderr).not.toMatch(/Error:|at .*\.ts:/);
      expect(r.code).toBe(0);
      const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
      // the flags are recorded and sent (retries: twice the budget when cut off, 0.3 when greedy output was unreadable)
      expect(run.manifest.config.generator.sampling).toEqual({ temperature: 0.5, top_p: 0.9, max_tokens: 40 });
      expect(run.manifest.config.critic.sampling).toEqual({ temperature: 0.5, top_p: 0.9, max_tokens: 40 });
      expect(run.manifest.config.judges[0].sampling).toEqual({ temperature: 0.1, max_tokens: 60 });
      const judged = server.requests.filter((b) => templateOf(asRequest(b)) === 'judge');
      const made = server.requests.filter((b) => templateOf(asRequest(b)) !== 'judge');
      expect(made.every((b) => b.temperature === 0.5 && b.top_p === 0.9 && (b.max_tokens === 40 || b.max_tokens === 80))).toBe(true);
      expect(made.some((b) => b.max_tokens === 80)).toBe(true);
      expect(judged.every((b) => (b.temperature === 0.1 || b.temperature === 0.3) && b.top_p === undefined && b.max_tokens === 60)).toBe(
        true,
      );
      expect(judged.some((b) => b.temperature === 0.1) && judged.some((b) => b.temperature === 0.3)).toBe(true);
      expect(judged.every((b) => b.response_format !== undefined)).toBe(true); // sent, and ignored

      const lines = readFileSync(join(out, 'pairs.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as TrlRecord);
      // no cut-off text: prompt 2's pairs are left out, prompt 1's y_l is whole
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.some((l) => l.prompt === prompts[2]!.text)).toBe(false);
      expect(lines.some((l) => l.rejected.startsWith('LONG'))).toBe(true);
      for (const l of lines)
        expect(l.rejected.startsWith('ENDLESS') || (l.rejected.startsWith('LONG') && !l.rejected.endsWith('END'))).toBe(false);
      expect(run.counts.truncated.pairs).toBeGreaterThan(0);
      expect(run.counts.truncated.outputs).toBe(3); // the endless y_l twice, the long one once
      expect(server.cut).toHaveLength(3);
      // nothing the server sent cut off is in a pair: no answer, critique or revision taken from it
      for (const l of lines)
        for (const text of [l.rejected, l.chosen, l.critique]) expect(server.cut.some((c) => c.includes(text.trim()))).toBe(false);
      // no wrong verdict: the script always prefers the revision, in every phrasing
      const verdicts = lines.flatMap((l) => l.verdicts.flatMap((v) => [v.yw_first, v.yl_first]));
      expect(verdicts.filter((v) => v === 'yl')).toEqual([]);
      expect(verdicts.filter((v) => v === 'yw').length).toBeGreaterThan(20);
      // undecided ones stay empty
      const none = lines.filter((l) => l.persona_id === undecided.id);
      expect(none.length).toBeGreaterThan(0);
      for (const l of none) expect(l.verdicts[0]).toMatchObject({ yw_first: null, yl_first: null });
      expect(verdicts.filter((v) => v === null).length).toBe(2 * none.length);
      expect(run.judge[0].ywWinRate).toBe(1);
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
