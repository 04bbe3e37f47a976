import { describe, expect, it } from 'vitest';
import { makeBenchConfig, type BenchConfig } from '../../../../src/core/bench/config';
import { createBench } from '../../../../src/core/bench/create';
import { sampleLine } from '../../../../src/core/bench/export';
import { passAtK } from '../../../../src/core/bench/pass-at-k';
import { executeBench } from '../../../../src/core/bench/runner';
import { MemoryBenchStore } from '../../../../src/core/bench/store';
import { LlmError } from '../../../../src/core/llm/errors';
import type { GenerateRequest } from '../../../../src/core/llm/types';
import type { RunPersona } from '../../../../src/core/pipeline/config';
import type { PromptItem } from '../../../../src/core/prompts/types';
import { ageIn, benchCallOf, benchResponder, type ResponderOptions } from '../../../doubles/bench-responder';
import { ScriptedClient } from '../../../doubles/scripted-client';

const fast = { retryDelayMs: () => 0 };
const personas: RunPersona[] = Array.from({ length: 6 }, (_, i) => ({
  id: `persona-${i}`,
  split: i % 2 ? 'train' : 'test',
  text: `age: ${30 + i}\nreligion: Faith ${i}\nlifestyle: Walks daily`,
}));
const prompts: PromptItem[] = Array.from({ length: 12 }, (_, i) => ({
  id: `q${i}`,
  text: `Is question ${i} worth asking?`,
  topic: 'ethics',
  split: i % 3 === 0 ? 'heldout' : 'train',
}));

function client(o: ResponderOptions = {}, fail?: (r: GenerateRequest) => Error | undefined) {
  const respond = benchResponder(o);
  return new ScriptedClient((r) => fail?.(r) ?? respond(r));
}

async function newBench(store: MemoryBenchStore, llm: ScriptedClient, overrides: Partial<BenchConfig> = {}) {
  const ref = { backend: llm.backend, model: llm.model };
  const { subtlety, model: _m, critic: _c, templates: _t, ...rest } = overrides;
  const config = makeBenchConfig({ model: ref, critic: ref, ...(subtlety ? { subtlety: ref } : {}) }, { samples: 4, ...rest });
  return createBench(store, { name: 'test', config, personas, prompts, appVersion: '0.0.0-test' });
}

/** Accuracy and pass@k recomputed from the samples alone. */
function recompute(lines: ReturnType<typeof sampleLine>[], method: string, n: number) {
  const items = new Map<string, { n: number; c: number }>();
  for (const l of lines.filter((x) => x.method === method && x.needs_revision !== null)) {
    const t = items.get(`${l.persona_id}/${l.prompt_id}`) ?? { n: 0, c: 0 };
    t.n++;
    if (l.needs_revision === false) t.c++;
    items.set(`${l.persona_id}/${l.prompt_id}`, t);
  }
  const all = [...items.values()];
  const pass = (k: number) => {
    const ok = all.filter((t) => t.n >= k);
    return ok.reduce((s, t) => s + passAtK(t.n, t.c, k), 0) / ok.length;
  };
  return {
    accuracy: all.reduce((s, t) => s + t.c / t.n, 0) / all.length,
    pass1: pass(1),
    pass2: pass(2),
    pass4: n >= 4 ? pass(4) : null,
    items: all.length,
  };
}

describe('executeBench', () => {
  it('scores every sample, never shows the baseline the persona, and reruns without a request', async () => {
    const store = new MemoryBenchStore();
    const llm = client({ criticStyle: (r) => (['json', 'prose-json', 'prose'] as const)[r.messages[0]!.content.length % 3]! });
    const bench = await newBench(store, llm);
    expect(bench.items).toHaveLength(6); // 3 test personas × 2 held-out prompts
    const out = await executeBench(bench.id, { store, clients: { model: llm, critic: llm }, ...fast });
    expect(out.status).toBe('done');
    expect(out.samples).toEqual({ total: 96, done: 96, missing: 0, failed: 0, pending: 0 });

    const answers = llm.requests.filter((r) => benchCallOf(r) !== 'critic');
    // The baseline's answer to a prompt does not depend on the persona: one per (prompt, sample), shared.
    const distinctPrompts = new Set(bench.items.map((i) => i.promptId)).size;
    expect(distinctPrompts).toBeLessThan(6);
    expect(answers.filter((r) => benchCallOf(r) === 'baseline')).toHaveLength(distinctPrompts * 4);
    expect(answers).toHaveLength(3 * 24 + distinctPrompts * 4);
    for (const r of answers.filter((x) => benchCallOf(x) === 'baseline'))
      for (const m of r.messages) for (const p of personas) expect(m.content).not.toContain(p.text.split('\n')[1]);
    const cot = answers.filter((r) => benchCallOf(r) === 'cot');
    expect(new Set(cot.map((r) => `${r.messages[0]!.content}|${r.messages.at(-1)!.content}`)).size).toBe(6);
    expect(new Set(cot.map((r) => r.seed)).size).toBe(4); // every sample index its own seed

    const lines = [...store.samples.values()].map(sampleLine);
    expect(lines.every((l) => l.needs_revision !== null)).toBe(true);
    expect(out.results.methods.baseline).toMatchObject({
      accuracy: 0,
      n_items: 6,
      n_samples: 4,
      missing: 0,
      pass_at_k: { '1': 0, '2': 0, '4': 0 },
    });
    for (const m of ['persona', 'cot', 'summary'] as const) {
      const r = out.results.methods[m]!;
      const want = recompute(lines, m, 4);
      expect(r.accuracy).toBeCloseTo(want.accuracy, 12);
      expect(r.pass_at_k['1']).toBeCloseTo(want.pass1, 12);
      expect(r.pass_at_k['2']).toBeCloseTo(want.pass2, 12);
      expect(r.pass_at_k['4']).toBeCloseTo(want.pass4!, 12);
      expect(r.accuracy!).toBeGreaterThan(0.3);
      expect(r.accuracy!).toBeLessThan(1);
      expect(r.pass_at_k['4']!).toBeGreaterThanOrEqual(r.pass_at_k['1']!);
      expect(r.ci95![0]).toBeLessThanOrEqual(r.accuracy!);
      expect(r.ci95![1]).toBeGreaterThanOrEqual(r.accuracy!);
    }
    const attrs = out.results.summary_attributes!;
    expect(attrs.map((a) => a.attribute)).toEqual(['age', 'lifestyle', 'religion']);
    expect(attrs[0]).toMatchObject({ present: 24, kept: 24 }); // "A person aged N"
    expect(attrs[1]).toMatchObject({ present: 24, dropped: 24 });
    expect((await store.getBench(bench.id))?.results).toEqual(out.results);

    const before = llm.requests.length;
    const again = await executeBench(bench.id, { store, clients: { model: llm, critic: llm }, ...fast });
    expect(llm.requests.length).toBe(before);
    expect(again.session).toEqual({ requests: 0, answered: 0, cacheHits: 0 });
    expect(again.results).toEqual(out.results);
    // A new bench over the same work is answered by the cache alone.
    const copy = await createBench(store, { name: 'copy', id: 'bench-copy', config: bench.config, personas, prompts, appVersion: '0' });
    const cached = await executeBench(copy.id, { store, clients: { model: llm, critic: llm }, ...fast });
    expect(llm.requests.length).toBe(before);
    expect(cached.session.cacheHits).toBeGreaterThan(0);
    expect(cached.results).toEqual(out.results);
  });

  it('scores an unreadable critique as missing after its attempts, and a retry round makes new calls', async () => {
    const store = new MemoryBenchStore();
    const target = personas[0]!;
    const garbled = (r: { messages: readonly { content: string }[] }) =>
      r.messages.at(-1)!.content.includes(target.text) && ageIn(r.messages.at(-1)!.content) === '30';
    const llm = client({ criticStyle: (r) => (garbled(r) ? 'garbage' : 'json') });
    const bench = await newBench(store, llm, { methods: ['persona'], samples: 2 });
    const out = await executeBench(bench.id, { store, clients: { model: llm, critic: llm }, ...fast });
    const mine = [...store.samples.values()].filter((s) => s.personaId === target.id);
    expect(mine.length).toBe(4);
    expect(mine.every((s) => s.status === 'missing' && s.stages.critic?.attempts.length === 3)).toBe(true);
    expect(sampleLine(mine[0]!)).toMatchObject({ needs_revision: null, critique: null, status: 'missing', answer: expect.any(String) });
    const r = out.results.methods.persona!;
    expect(r).toMatchObject({ missing: 4, n_items: 4, scored: 8, pending: 0 });
    expect(out.status).toBe('done');

    const before = llm.requests.length;
    await executeBench(bench.id, { store, clients: { model: llm, critic: llm }, ...fast });
    expect(llm.requests.length).toBe(before); // missing stays missing …
    await executeBench(bench.id, { store, clients: { model: llm, critic: llm }, retryMissing: true, ...fast });
    expect(llm.requests.length).toBe(before + 4 * 3); // … until a new round: 3 new critic attempts per sample (answers kept)
  });

  it('retries samples whose backend failed on the next session, and stops the whole bench when the server is gone', async () => {
    const store = new MemoryBenchStore();
    let broken = true;
    const llm = client({}, (r) => (broken && benchCallOf(r) === 'summary' ? new LlmError('http', 'HTTP 400', { status: 400 }) : undefined));
    const bench = await newBench(store, llm, { methods: ['persona', 'summary'], samples: 1 });
    const first = await executeBench(bench.id, { store, clients: { model: llm, critic: llm }, ...fast });
    expect(first.samples).toMatchObject({ done: 6, failed: 6 });
    expect(first.status).toBe('incomplete');
    expect(first.results.methods.summary).toMatchObject({ accuracy: null, ci95: null, n_items: 0, missing: 6 });
    broken = false;
    const second = await executeBench(bench.id, { store, clients: { model: llm, critic: llm }, ...fast });
    expect(second.samples).toMatchObject({ done: 12, failed: 0 });
    expect(second.status).toBe('done');
    expect(second.results.methods.summary!.n_items).toBe(6);

    const gone = new ScriptedClient(() => new LlmError('network', 'Could not reach 127.0.0.1:9'));
    const other = await newBench(store, gone, { methods: ['persona'], samples: 3, seed: 9 });
    const stopped = await executeBench(other.id, { store, clients: { model: gone, critic: gone }, ...fast });
    expect(stopped.status).toBe('failed');
    expect(stopped.error).toMatch(/Could not reach/);
    expect(gone.requests.length).toBeLessThanOrEqual(2 * 5); // two workers, each its first call with its 4 transport retries
  });

  it('scores a request the server refuses as it is (context overflow) as missing, and does not send it again', async () => {
    const store = new MemoryBenchStore();
    const long = personas[2]!.text;
    const llm = client({}, (r) =>
      benchCallOf(r) === 'cot' && r.messages[0]!.content.includes(long)
        ? new LlmError('context-overflow', 'The prompt is too long.')
        : undefined,
    );
    const bench = await newBench(store, llm, { methods: ['cot'], samples: 2 });
    const out = await executeBench(bench.id, { store, clients: { model: llm, critic: llm }, ...fast });
    expect(out.status).toBe('done');
    expect(out.samples).toMatchObject({ done: 8, missing: 4, failed: 0 });
    expect(out.results.methods.cot).toMatchObject({ missing: 4, n_items: 4 });
    const sent = llm.requests.length;
    await executeBench(bench.id, { store, clients: { model: llm, critic: llm }, ...fast });
    expect(llm.requests.length).toBe(sent);
  });

  it('stops on the signal and resumes to the results of an uninterrupted bench; the subtlety judge scores non-subtle answers', async () => {
    const store = new MemoryBenchStore();
    const llm = client();
    const controller = new AbortController();
    const bench = await newBench(store, llm, {
      methods: ['persona', 'cot'],
      samples: 2,
      subtlety: { model: { backend: 'scripted', model: 'scripted-model' }, sampling: {} },
    });
    let answered = 0;
    const stopped = await executeBench(bench.id, {
      store,
      clients: { model: llm, critic: llm, subtlety: llm },
      onSample: () => ++answered === 5 && controller.abort(),
      signal: controller.signal,
      ...fast,
    });
    expect(stopped.status).toBe('paused');
    expect(stopped.samples.pending).toBeGreaterThan(0);
    const resumed = await executeBench(bench.id, { store, clients: { model: llm, critic: llm, subtlety: llm }, ...fast });
    expect(resumed.status).toBe('done');

    const fresh = new MemoryBenchStore();
    const llm2 = client();
    const whole = await newBench(fresh, llm2, {
      methods: ['persona', 'cot'],
      samples: 2,
      subtlety: { model: { backend: 'scripted', model: 'scripted-model' }, sampling: {} },
    });
    const once = await executeBench(whole.id, { store: fresh, clients: { model: llm2, critic: llm2, subtlety: llm2 }, ...fast });
    expect(resumed.results).toEqual(once.results);
    const r = once.results.methods.persona!;
    // The responder's personalised answers name the age: every pass is non-subtle.
    expect(r.non_subtle).toEqual({ rate: r.passed / r.scored, judged: 12 });
  });
});
