/**
 * A small WikiPersonas study (3 people, 4 questions each, 3 prefixes) end to end in memory with a
 * scripted model: every step, its stored results, the tables, and resuming after a stop without
 * sending a finished call again (the resumed study ends exactly as an uninterrupted one).
 */
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../../src/core/pipeline/store';
import type { GenerateOptions, GenerateRequest, GenerateResult, ScoreRequest } from '../../../../src/core/llm/types';
import { FAMOUS_PEOPLE } from '../../../../src/core/wiki/famous';
import { createStudy, runStudy } from '../../../../src/core/wiki/runner';
import { MemoryWikiStore } from '../../../../src/core/wiki/store';
import { LAPTOP_STUDY, estimateStudy, type WikiStudyConfig } from '../../../../src/core/wiki/study';
import { studyResults } from '../../../../src/core/wiki/results';
import { trlLines } from '../../../../src/core/wiki/export';
import { ScriptedClient } from '../../../doubles/scripted-client';
import { plainReply, wikiReply } from '../../../doubles/wiki-replies';

const respond = (r: GenerateRequest) => wikiReply(r.messages, r.seed) ?? plainReply(r.messages);

/** A scripted client that can also score text: longer continuations score higher. */
class ScoringClient extends ScriptedClient {
  readonly scored: ScoreRequest[] = [];
  constructor(private readonly onCall?: (n: number) => void) {
    super(respond);
  }
  override async generate(request: GenerateRequest, options?: GenerateOptions): Promise<GenerateResult> {
    this.onCall?.(this.requests.length + 1);
    return super.generate(request, options);
  }
  async score(r: ScoreRequest) {
    this.scored.push(r);
    const tokens = r.continuation.split(/\s+/).length;
    return { tokens, sumLogprob: -10, meanLogprob: -10 / tokens };
  }
}

const people = ['joe-biden', 'halle-berry', 'taylor-swift'];
const config: WikiStudyConfig = {
  ...LAPTOP_STUDY,
  people,
  cots: 2,
  responsesPerCot: 3,
  prefixes: ['none', 'persona', 'persona-gold'],
  winRate: ['none', 'persona-gold'],
};
const models = { generator: 'scripted:gen', judge: 'scripted:judge' };

async function study(client: ScoringClient, judge: ScriptedClient, signal = new AbortController().signal) {
  const store = new MemoryWikiStore();
  const calls = new MemoryStore();
  const s = await createStudy(store, { config, people: FAMOUS_PEOPLE, models });
  const deps = {
    store,
    calls,
    clients: { generator: client, judge },
    signal,
  };
  return { store, calls, s, deps };
}

describe('a WikiPersonas study', () => {
  it('runs every step and fills every table', async () => {
    const gen = new ScoringClient();
    const judge = new ScriptedClient(respond);
    const { store, s, deps } = await study(gen, judge);
    const out = await runStudy(s.id, deps);
    expect(out.status).toBe('done');
    expect(out.study.stepsDone).toEqual(['questions', 'pairs', 'prefixes', 'evaluation']);
    const pairs = await store.list(s.id, 'pair');
    expect(pairs).toHaveLength(12); // 3 people × (2 personal + 2 divergent)
    expect(pairs.filter((p) => p.split === 'train')).toHaveLength(6);
    for (const p of pairs) {
      expect(p.matches).toHaveLength(3); // 4 → 2 → 1
      expect(p.yw).not.toBe(p.yl);
    }
    const r = await studyResults(store, out.study);
    expect(r.scoring.method).toBe('logprob');
    expect(r.accuracy).toHaveLength(1);
    expect(r.accuracy[0]!.rows.map((x) => x.kind)).toEqual(['none', 'persona', 'persona-gold']);
    expect(r.accuracy[0]!.rows[0]!.all.n).toBe(6);
    expect(r.diversity).toEqual({ tfidf: 12 }); // 3 people × 2 personal + 3 axes × 2 divergent
    expect(r.perPerson.map((p) => p.personId).sort()).toEqual([...people].sort());
    expect(r.perAxis.map((a) => a.axis).sort()).toEqual(['diet', 'family marriage status', 'politics']);
    expect(r.winRates?.kinds).toEqual(['none', 'persona-gold']);
    expect(r.winRates?.cells[0]![1]!.n).toBe(6);
    expect(r.prefixQuality.map((q) => q.kind)).toEqual(['persona', 'persona-gold']);
    expect(r.prefixQuality[1]!.rouge1.mean).toBe(1);
    // TRL export: every pair once per prefix with the prefix in the prompt.
    const trl = trlLines(pairs, await store.list(s.id, 'prefix'), new Map(FAMOUS_PEOPLE.map((p) => [p.id, p.name])), config.prefixes);
    expect(trl).toHaveLength(36);
    expect(trl.find((l) => l.prefix === 'persona-gold')!.prompt).toMatch(/Respond to the following prompt from this person/);
  });

  it('resumes after a stop without sending any finished call again, ending as an uninterrupted study', async () => {
    const whole = await study(new ScoringClient(), new ScriptedClient(respond));
    await runStudy(whole.s.id, whole.deps);
    const expected = await studyResults(whole.store, (await whole.store.getStudy(whole.s.id))!);

    const stop = new AbortController();
    const gen1 = new ScoringClient((n) => n === 25 && stop.abort());
    const judge1 = new ScriptedClient(respond);
    const first = await study(gen1, judge1, stop.signal);
    const out1 = await runStudy(first.s.id, first.deps);
    expect(out1.status).toBe('stopped');
    const sent = new Set([...gen1.requests, ...judge1.requests].map((r) => JSON.stringify(r)));
    const answered = [...first.calls.calls.keys()].length;
    expect(answered).toBeGreaterThan(10);

    const gen2 = new ScoringClient();
    const judge2 = new ScriptedClient(respond);
    const out2 = await runStudy(first.s.id, {
      ...first.deps,
      clients: { generator: gen2, judge: judge2 },
      signal: new AbortController().signal,
    });
    expect(out2.status).toBe('done');
    const again = [...gen2.requests, ...judge2.requests].filter((r) => sent.has(JSON.stringify(r)));
    // Only the call cut short by the stop may be asked again.
    expect(again.length).toBeLessThanOrEqual(1);
    expect(out2.session.cacheHits).toBeGreaterThan(0);
    expect(await studyResults(first.store, out2.study)).toEqual(expected);
  });

  it('estimates each step before it runs', () => {
    const axesOf = (id: string) => FAMOUS_PEOPLE.find((p) => p.id === id)!.axes.map((a) => a.axis);
    const sizes = estimateStudy({ config, axesOf });
    expect(sizes.map((s) => s.step)).toEqual(['questions', 'pairs', 'prefixes', 'evaluation']);
    expect(sizes[0]!.calls).toBe(6); // 3 people + 3 axes, one call each
    // 3 personal questions × 2 each × (2 chains + 6 responses) + 6 divergent × 6 responses, plus judge calls
    expect(sizes[1]!.calls).toBeGreaterThan(6 * 8 + 6 * 6);
  });
});
