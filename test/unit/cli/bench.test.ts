import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { passAtK } from '../../../src/core/bench/pass-at-k';
import type { SampleLine } from '../../../src/core/bench/export';
import { EXAMPLE_PERSONAS } from '../../../src/core/personas/examples';
import { renderPersona } from '../../../src/core/personas/render';
import { defaultPrompts } from '../../../src/core/prompts/default-set';
import { benchCallOf, benchResponder } from '../../doubles/bench-responder';
import { startScriptedServer, type ChatBody, type ScriptedReply } from '../../doubles/openai-server';

/** Runs the CLI in a child process; resolves with its exit code and output. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir = '';
let personasFile = '';
let promptsFile = '';
// Three of the five example personas in the test split (the bench's default), two in train.
const personas = EXAMPLE_PERSONAS.map((p, i) => ({ ...p, split: i < 3 ? ('test' as const) : ('train' as const) }));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'persona-lab-bench-cli-'));
  personasFile = join(dir, 'personas.jsonl');
  writeFileSync(personasFile, personas.map((p) => JSON.stringify(p)).join('\n') + '\n');
  promptsFile = join(dir, 'prompts.jsonl');
  const prompts = defaultPrompts().filter((_, i) => i % 11 === 0);
  writeFileSync(promptsFile, prompts.map((p) => JSON.stringify({ id: p.id, text: p.text, topic: p.topic })).join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Accuracy (mean over items of the share passed) and pass@k from samples.jsonl alone. */
function fromSamples(
  lines: SampleLine[],
  method: string,
  k: number,
): { accuracy: number; passAtK: number; items: number; missing: number } {
  const items = new Map<string, { n: number; c: number }>();
  let missing = 0;
  for (const l of lines.filter((x) => x.method === method)) {
    if (l.needs_revision === null) {
      missing++;
      continue;
    }
    const key = `${l.persona_id}\u0000${l.prompt_id}`;
    const t = items.get(key) ?? { n: 0, c: 0 };
    t.n++;
    if (!l.needs_revision) t.c++;
    items.set(key, t);
  }
  const all = [...items.values()];
  const withK = all.filter((t) => t.n >= k);
  return {
    accuracy: all.reduce((s, t) => s + t.c / t.n, 0) / all.length,
    passAtK: withK.reduce((s, t) => s + passAtK(t.n, t.c, k), 0) / withK.length,
    items: all.length,
    missing,
  };
}

describe('cli bench against OpenAI-compatible servers on loopback', () => {
  it('scores every method; accuracy and pass@k equal those of its own samples.jsonl; the baseline never sees the persona; a rerun sends nothing', async () => {
    const respond = benchResponder({
      // the critic answers in JSON, JSON in prose or prose, and never decides for one persona
      criticStyle: (r) => {
        const user = r.messages.at(-1)!.content;
        if (user.includes(renderPersona(personas[1]!))) return 'garbage';
        return (['json', 'prose-json', 'prose'] as const)[user.length % 3]!;
      },
    });
    const misdirected: string[] = [];
    const model = await startScriptedServer((b: ChatBody): ScriptedReply => {
      if (benchCallOf(b) === 'critic') misdirected.push('critic call sent to the model server');
      return { content: respond(b) };
    });
    const critic = await startScriptedServer((b: ChatBody): ScriptedReply => {
      if (benchCallOf(b) !== 'critic') misdirected.push('answer call sent to the critic server');
      return { content: respond(b) };
    });
    try {
      const out = join(dir, 'bench1');
      const args = [
        'bench',
        '--endpoint',
        model.url,
        '--model',
        'tiny',
        '--critic-endpoint',
        critic.url,
        '--critic-model',
        'judge',
        '--personas',
        personasFile,
        '--prompts',
        promptsFile,
        '--out',
        out,
        '--samples',
        '4',
        '--per-persona',
        '2',
        '--seed',
        '3',
        '--concurrency',
        '3',
      ];
      const first = await cli(args);
      expect(first.stderr).not.toMatch(/Error:|at .*\.ts:/);
      expect(first.code).toBe(0);
      expect(misdirected).toEqual([]);

      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      const lines = readFileSync(join(out, 'samples.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as SampleLine);
      expect(lines).toHaveLength(3 * 2 * 4 * 4); // 3 test personas × 2 prompts × 4 methods × 4 samples
      for (const l of lines)
        expect(Object.keys(l)).toEqual(
          expect.arrayContaining(['method', 'persona_id', 'prompt_id', 'sample', 'answer', 'needs_revision', 'critique']),
        );
      expect(new Set(lines.map((l) => l.persona_id))).toEqual(new Set(personas.slice(0, 3).map((p) => p.id)));
      expect(Object.keys(results.methods)).toEqual(['baseline', 'persona', 'cot', 'summary']);
      expect(results.model).toMatchObject({ name: 'tiny', backend: 'openai-http', endpoint: model.url });
      expect(results.critic).toMatchObject({ name: 'judge', endpoint: critic.url, sampling: { temperature: 0 } });
      expect(results.config).toMatchObject({
        seed: 3,
        samples: 4,
        methods: ['baseline', 'persona', 'cot', 'summary'],
        pass_at_k: [1, 2, 4],
        items: 6,
      });
      for (const method of ['baseline', 'persona', 'cot', 'summary']) {
        const r = results.methods[method];
        expect(Object.keys(r)).toEqual(expect.arrayContaining(['accuracy', 'ci95', 'n_items', 'n_samples', 'missing', 'pass_at_k']));
        expect(Object.keys(r.pass_at_k)).toEqual(['1', '2', '4']);
        const mine = fromSamples(lines, method, 1);
        expect(r.accuracy).toBeCloseTo(mine.accuracy, 12);
        expect(r.n_items).toBe(mine.items);
        expect(r.n_samples).toBe(4);
        expect(r.missing).toBe(mine.missing);
        for (const k of [1, 2, 4]) expect(r.pass_at_k[String(k)]).toBeCloseTo(fromSamples(lines, method, k).passAtK, 12);
        expect(r.ci95[0]).toBeLessThanOrEqual(r.accuracy);
        expect(r.ci95[1]).toBeGreaterThanOrEqual(r.accuracy);
      }
      expect(results.methods.baseline.accuracy).toBe(0); // it never knows whom it answers
      expect(results.methods.persona.accuracy).toBeGreaterThan(0.3);
      for (const r of Object.values(results.methods) as { missing: number; n_items: number }[])
        expect(r).toMatchObject({ missing: 2 * 4, n_items: 4 }); // persona 1's two items: the critic never decided
      const missing = lines.filter((l) => l.needs_revision === null);
      expect(missing.every((l) => l.critique === null && l.answer && l.persona_id === personas[1]!.id && l.status === 'missing')).toBe(
        true,
      );
      // the critic saw the extracted answer only, never the reasoning or summary written before it
      expect(critic.requests.some((r) => /They are \d+\.|religion matters here/.test(r.messages.at(-1)!.content))).toBe(false);
      expect(results.summary_attributes.find((a: { attribute: string }) => a.attribute === 'age')).toMatchObject({ dropped: 0 });

      for (const b of model.requests.filter((r) => benchCallOf(r) === 'baseline')) {
        const text = b.messages.map((m) => m.content).join('\n');
        expect(text).not.toMatch(/THE PERSON|^age: /m);
        for (const p of personas) expect(text).not.toContain(renderPersona(p).split('\n').slice(0, 3).join('\n'));
      }
      // every answer call carried the sampling, the JSON methods their schema; the critic's its schema
      expect(model.requests.every((r) => r.temperature === 0.7 && r.max_tokens === 1024 && typeof r.seed === 'number')).toBe(true);
      expect(model.requests.filter((r) => ['cot', 'summary'].includes(benchCallOf(r))).every((r) => r.response_format !== undefined)).toBe(
        true,
      );
      // greedy (temperature 0) first; a retry after unreadable output does not repeat the greedy failure (#8: a small temperature)
      expect(critic.requests.every((r) => r.response_format !== undefined && (r.temperature === 0 || r.temperature === 0.3))).toBe(true);
      expect(critic.requests.filter((r) => r.temperature === 0).length).toBeGreaterThan(critic.requests.length / 2);
      const summary = JSON.parse(first.stdout);
      expect(summary).toMatchObject({ status: 'done', lines: 96, requests_sent: model.requests.length + critic.requests.length });

      const sent = model.requests.length + critic.requests.length;
      const second = await cli(args);
      expect(second.code).toBe(0);
      expect(model.requests.length + critic.requests.length).toBe(sent);
      expect(JSON.parse(second.stdout)).toMatchObject({ status: 'done', requests_sent: 0 });
      expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).methods).toEqual(results.methods);

      // One more sample per item: only the fifth sample's calls are new, each with a seed no earlier call had.
      const [modelBefore, criticBefore] = [model.requests.length, critic.requests.length];
      const oldSeeds = new Set(model.requests.map((r) => r.seed));
      const more = await cli(args.map((a) => (a === '4' ? '5' : a)));
      expect(more.code).toBe(0);
      const fresh = model.requests.slice(modelBefore);
      expect(fresh.length).toBeGreaterThan(0);
      expect(fresh.length).toBeLessThanOrEqual(6 * 4);
      expect(fresh.every((r) => !oldSeeds.has(r.seed))).toBe(true);
      expect(critic.requests.length - criticBefore).toBeLessThanOrEqual(4 * 4 + 2 * 4 * 3); // persona 1's critiques: 3 attempts each
      expect(JSON.parse(more.stdout)).toMatchObject({
        status: 'done',
        lines: 6 * 4 * 5,
        requests_sent: fresh.length + critic.requests.length - criticBefore,
      });
    } finally {
      await model.close();
      await critic.close();
    }
  });

  it('exits 3 when a sample failed on server errors after its retries, and a rerun retries only that sample; the API key goes to both servers', async () => {
    const respond = benchResponder();
    const victim = renderPersona(personas[0]!);
    let broken = true;
    let refused = 0;
    const model = await startScriptedServer((b) => ({ content: respond(b) }));
    const critic = await startScriptedServer((b): ScriptedReply => {
      if (!broken || !b.messages.at(-1)!.content.includes(victim)) return { content: respond(b) };
      refused++;
      return { status: 503 };
    });
    try {
      const out = join(dir, 'flaky');
      const args = [
        'bench',
        ...['--endpoint', model.url, '--model', 'tiny', '--critic-endpoint', critic.url, '--critic-model', 'judge'],
        ...['--personas', personasFile, '--prompts', promptsFile, '--out', out, '--methods', 'persona', '--per-persona', '1'],
        ...['--retries', '0', '--api-key', 'sk-test'],
      ];
      const first = await cli(args);
      expect(refused).toBe(1); // persona 0's one critique, tried once (--retries 0)
      expect(first.code).toBe(3);
      expect(first.stderr).toMatch(/incomplete \(2 of 3 samples done\)/);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      expect(results).toMatchObject({ status: 'incomplete', counts: { samples: { done: 2, failed: 1 } } });
      expect([...model.authorizations, ...critic.authorizations].every((a) => a === 'Bearer sk-test')).toBe(true);
      expect(JSON.stringify(results)).not.toContain('sk-test');

      broken = false;
      const [m0, c0] = [model.requests.length, critic.requests.length];
      const second = await cli(args);
      expect(second.code).toBe(0);
      expect(model.requests.length).toBe(m0); // the answers were kept
      expect(critic.requests.length - c0).toBe(1);
      expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))).toMatchObject({ status: 'done' });
    } finally {
      await model.close();
      await critic.close();
    }
  });

  it('exits 1 naming the host it cannot reach or the file it cannot use, and 2 on a usage error', async () => {
    const base = ['--model', 'm', '--personas', personasFile, '--prompts', promptsFile];
    const down = await cli(['bench', '--endpoint', 'http://127.0.0.1:9/v1', ...base, '--out', join(dir, 'down')]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/Could not reach 127\.0\.0\.1:9/);
    expect(existsSync(join(dir, 'down', 'results.json'))).toBe(true);

    const usage = await cli([
      'bench',
      '--endpoint',
      'http://127.0.0.1:9/v1',
      ...base,
      '--out',
      join(dir, 'u'),
      '--methods',
      'persona,magic',
    ]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--methods: unknown method "magic"/);
    expect((await cli(['bench', ...base, '--out', join(dir, 'u')])).stderr).toMatch(/--endpoint is required/);

    const template = join(dir, 'baseline.json');
    writeFileSync(template, JSON.stringify({ system: 'For {persona}', user: '{question}' }));
    const bad = await cli([
      'bench',
      '--endpoint',
      'http://127.0.0.1:9/v1',
      ...base,
      '--out',
      join(dir, 't'),
      '--template',
      `baseline=${template}`,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/baseline\.json: the baseline must not show the persona/);

    const noTest = await cli([
      'bench',
      '--endpoint',
      'http://127.0.0.1:9/v1',
      ...base,
      '--out',
      join(dir, 's'),
      '--persona-split',
      'train',
      '--max-personas',
      '0',
    ]);
    expect(noTest.code).toBe(2);
    expect(noTest.stderr).toMatch(/--max-personas must be a whole number ≥ 1/);
  });
});
