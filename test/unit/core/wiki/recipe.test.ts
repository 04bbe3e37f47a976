/**
 * The paper's recipe as the study's default and the parts of it the audit fixed: the generic reward
 * filter (Appendix B.2) where a backend can score and its recorded skip where none can, one axis'
 * worth of divergent training questions for people on several axes (Appendix E.1), G.2's {AXES}
 * as the study's axes, and a size estimate that equals the calls a study then makes.
 */
import { describe, expect, it } from 'vitest';
import type { GenerateRequest, ScoreRequest } from '../../../../src/core/llm/types';
import { MemoryStore } from '../../../../src/core/pipeline/store';
import { FAMOUS_PEOPLE } from '../../../../src/core/wiki/famous';
import { fairDivergent } from '../../../../src/core/wiki/pairs-step';
import { PREFIX_KINDS } from '../../../../src/core/wiki/prefixes';
import { narrowestSpan } from '../../../../src/core/wiki/reward-filter';
import { studyResults } from '../../../../src/core/wiki/results';
import { createStudy, runStudy } from '../../../../src/core/wiki/runner';
import { MemoryWikiStore, type WikiQuestion } from '../../../../src/core/wiki/store';
import { DEFAULT_STUDY, estimateStudy, LAPTOP_STUDY, PAPER_STUDY, type WikiStudyConfig } from '../../../../src/core/wiki/study';
import { ScriptedClient } from '../../../doubles/scripted-client';
import { plainReply, wikiReply } from '../../../doubles/wiki-replies';

const respond = (r: GenerateRequest) => wikiReply(r.messages, r.seed) ?? plainReply(r.messages);

/** A scripted client that scores text: the mean log-probability is −10 / words (longer scores higher). */
class ScoringClient extends ScriptedClient {
  readonly scored: ScoreRequest[] = [];
  constructor() {
    super(respond, { model: 'scripted' });
  }
  async score(r: ScoreRequest) {
    this.scored.push(r);
    const tokens = r.continuation.split(/\s+/).filter(Boolean).length;
    return { tokens, sumLogprob: -10, meanLogprob: -10 / tokens };
  }
}

const axesOf = (id: string) => FAMOUS_PEOPLE.find((p) => p.id === id)!.axes.map((a) => a.axis);

async function run(config: WikiStudyConfig, generator: ScriptedClient, judge: ScriptedClient) {
  const store = new MemoryWikiStore();
  const calls = new MemoryStore();
  const s = await createStudy(store, { config, people: FAMOUS_PEOPLE, models: { generator: 'g', judge: 'j' } });
  const notes: string[] = [];
  const out = await runStudy(s.id, {
    store,
    calls,
    clients: { generator, judge },
    signal: new AbortController().signal,
    onNote: (m) => notes.push(m),
  });
  return { store, out, notes };
}

describe("the paper's recipe", () => {
  it('is the default: 5 chains × 10 responses, reward filter to 20, k = 4, batches of 5, all eight prefixes, Table 3 none vs persona-strong', () => {
    for (const c of [PAPER_STUDY, DEFAULT_STUDY]) {
      expect([c.cots * c.responsesPerCot, c.rewardPool, c.keep, c.judgeBatch, c.fewShot, c.personaShots]).toEqual([50, 20, 4, 5, 2, 4]);
      expect(c.prefixes).toEqual([...PREFIX_KINDS]);
      expect(c.winRate).toEqual(['none', 'persona-strong']);
      expect(c.candidateSampling).toEqual({ temperature: 2, top_p: 0.8, max_tokens: 512 });
      expect(c.sampling).toEqual({ temperature: 1, top_p: 1, max_tokens: 512 });
    }
    expect([PAPER_STUDY.personalPerPerson, PAPER_STUDY.divergentPerAxis, PAPER_STUDY.questionsPerCall]).toEqual([100, 100, 20]);
    // The laptop variant is smaller in the ways its label says.
    expect(LAPTOP_STUDY.cots * LAPTOP_STUDY.responsesPerCot).toBe(8);
    expect(LAPTOP_STUDY.prefixes).toEqual(['none', 'persona', 'persona-gold']);
  });
});

describe('the generic reward filter (B.2)', () => {
  it('keeps the contiguous span of sorted rewards with the smallest range', () => {
    // Sorted: 0.1 (2), 0.2 (0), 0.5 (4), 0.55 (1), 0.6 (3), 2.0 (5). Spans of 3: 0.4, 0.35, 0.1, 1.45 → indices 4, 1, 3.
    expect(narrowestSpan([0.2, 0.55, 0.1, 0.6, 0.5, 2.0], 3)).toEqual([1, 3, 4]);
    // A tie keeps the lowest span; no more rewards than the span keeps them all.
    expect(narrowestSpan([3, 1, 2, 4], 2)).toEqual([1, 2]);
    expect(narrowestSpan([5, 1], 3)).toEqual([0, 1]);
    expect(narrowestSpan([5, 1, 2], 0)).toEqual([0, 1, 2]);
  });

  it('scores every candidate where the backend can, and the diversity filter chooses only from the span', async () => {
    const gen = new ScoringClient();
    const config: WikiStudyConfig = {
      ...DEFAULT_STUDY,
      people: ['rand-paul'],
      cots: 1,
      responsesPerCot: 8,
      rewardPool: 5,
      prefixes: ['none'],
      winRate: [],
    };
    const { store, out } = await run(config, gen, new ScriptedClient(respond));
    expect(out.status).toBe('done');
    const sets = await store.list(out.study.id, 'candidates');
    expect(sets.length).toBe(4); // 2 personal + 2 divergent
    for (const set of sets) {
      expect(set.rewards).toHaveLength(set.candidates.length);
      expect(set.pool).toEqual(narrowestSpan(set.rewards!, 5));
      for (const k of set.kept) expect(set.pool).toContain(k);
      expect(set.kept).toHaveLength(4);
    }
    expect(out.study.rewardScorer).toBe('scripted:scripted');
    const r = await studyResults(store, out.study);
    expect(r.rewardFilter).toEqual({ scorer: 'scripted:scripted', questions: 4 });
    // Each candidate was scored once, after its question in the scoring layout.
    expect(gen.scored.filter((s) => s.prompt.startsWith('### Instruction:')).length).toBeGreaterThanOrEqual(32);
  });

  it('is skipped where nothing can score a given text, said so and recorded', async () => {
    const config: WikiStudyConfig = {
      ...DEFAULT_STUDY,
      people: ['rand-paul'],
      cots: 1,
      responsesPerCot: 8,
      rewardPool: 5,
      prefixes: ['none'],
      winRate: [],
    };
    const { store, out, notes } = await run(config, new ScriptedClient(respond), new ScriptedClient(respond));
    expect(out.status).toBe('done');
    expect(out.study.rewardScorer).toBe('skipped');
    expect(notes.filter((n) => /reward filter \(Appendix B\.2\) was skipped: scripted cannot score a given text/.test(n))).toHaveLength(1);
    for (const set of await store.list(out.study.id, 'candidates')) expect(set.pool).toBeUndefined();
    const r = await studyResults(store, out.study);
    expect(r.rewardFilter.scorer).toBe('skipped');
    expect(r.rewardFilter.note).toMatch(/cannot score/);
  });
});

describe('questions', () => {
  const q = (id: string, split: WikiQuestion['split']): WikiQuestion => ({ id, text: id, type: 'divergent', owner: 'x', split });

  it('gives a person of several axes one axis’ worth of divergent training questions and every evaluation question (E.1)', () => {
    const sets = [
      [q('a1', 'train'), q('a2', 'train'), q('a3', 'eval'), q('a4', 'eval')],
      [q('b1', 'train'), q('b2', 'train'), q('b3', 'eval'), q('b4', 'eval')],
      [q('c1', 'train'), q('c2', 'train'), q('c3', 'eval'), q('c4', 'eval')],
    ];
    const got = fairDivergent(sets, 'seed');
    expect(got.filter((x) => x.split === 'train')).toHaveLength(2);
    expect(got.filter((x) => x.split === 'eval').map((x) => x.id)).toEqual(['a3', 'a4', 'b3', 'b4', 'c3', 'c4']);
    expect(fairDivergent(sets, 'seed')).toEqual(got); // seeded
    expect(fairDivergent(sets.slice(0, 1), 'seed')).toEqual(sets[0]); // one axis: all of it
  });

  it("asks G.2 with the study's axes as {AXES}, not the person's own category", async () => {
    const judge = new ScriptedClient(respond);
    const config: WikiStudyConfig = { ...LAPTOP_STUDY, people: ['joe-biden'], prefixes: ['none'], winRate: [] };
    await run(config, new ScriptedClient(respond), judge);
    const personal = judge.requests
      .map((r) => r.messages.at(-1)!.content)
      .find((t) => t.includes('what kind of questions would you expect'))!;
    expect(personal).toContain(
      'optionally base your questions on: sports, diet, politics, religion, age, profession, geographical location, gender, education level, AI professors, family marriage status\n',
    );
    expect(personal).not.toContain('Centrist');
  });

  it('studies Barack Obama (three axes) with one axis’ worth of divergent training pairs', async () => {
    const config: WikiStudyConfig = {
      ...LAPTOP_STUDY,
      people: ['barack-obama'],
      personalPerPerson: 2,
      divergentPerAxis: 4,
      prefixes: ['none'],
      winRate: [],
    };
    const { store, out } = await run(config, new ScoringClient(), new ScriptedClient(respond));
    const pairs = await store.list(out.study.id, 'pair');
    expect(pairs.filter((p) => p.type === 'divergent' && p.split === 'train')).toHaveLength(2);
    expect(pairs.filter((p) => p.type === 'divergent' && p.split === 'eval')).toHaveLength(6);
    expect(new Set(pairs.filter((p) => p.type === 'divergent').map((p) => p.axis))).toEqual(
      new Set(['age', 'gender', 'family marriage status']),
    );
  });
});

describe('a study record', () => {
  it("keeps the judge's server (without credentials) so a reload can resume, and adds it to a study stored without one", async () => {
    const store = new MemoryWikiStore();
    const config: WikiStudyConfig = { ...LAPTOP_STUDY, people: ['joe-biden'] };
    const models = { generator: 'webllm:m', judge: 'openai-http:j@http://127.0.0.1:8000/v1' };
    const bare = await createStudy(store, { config, people: FAMOUS_PEOPLE, models });
    expect(bare.judgeServer).toBeUndefined();
    const judgeServer = { baseUrl: 'http://127.0.0.1:8000/v1', model: 'j' };
    const again = await createStudy(store, { config, people: FAMOUS_PEOPLE, models, judgeServer });
    expect(again.id).toBe(bare.id);
    expect((await store.getStudy(bare.id))!.judgeServer).toEqual(judgeServer);
  });
});

describe('the size estimate', () => {
  it('equals the calls and scores a study of the default recipe then makes', async () => {
    const people = ['joe-biden', 'halle-berry', 'taylor-swift'];
    const config: WikiStudyConfig = { ...DEFAULT_STUDY, people };
    const gen = new ScoringClient();
    // A second model: its own name, and personas of its own (the same text would be scored once).
    const judge = new ScriptedClient(
      (r) => `${respond(r)}${/infer a few things/.test(r.messages.at(-1)!.content) ? ' A stronger guess.' : ''}`,
      {
        model: 'judge',
      },
    );
    const { out } = await run(config, gen, judge);
    expect(out.status).toBe('done');
    expect(out.session.failures).toBe(0);
    const sizes = estimateStudy({ config, axesOf });
    const calls = sizes.reduce((n, s) => n + s.calls, 0);
    const scores = sizes.reduce((n, s) => n + s.scoreCalls, 0);
    expect(gen.requests.length + judge.requests.length).toBe(calls);
    expect(gen.scored.length).toBe(scores);
    // 12 questions × 50 candidates (+ 5 chains for the 6 personal ones), 9 judge calls, 6 question calls.
    expect(sizes[1]!.calls).toBe(6 * 55 + 6 * 50 + 9);
    expect(sizes[0]!.calls).toBe(6);
  });

  it('counts generative reward accuracy as generation where the backend cannot score', () => {
    const config: WikiStudyConfig = { ...DEFAULT_STUDY, people: ['joe-biden'] };
    const [, pairs, , evaluation] = estimateStudy({ config, axesOf, canScore: false });
    expect(pairs!.scoreCalls).toBe(0); // no reward filter either
    expect(evaluation!.scoreCalls).toBe(0);
    expect(evaluation!.calls).toBe(7 * 2 * 2 + 2 * 2 + 1); // 7 prefixes × 2 eval pairs × both orders, win-rate responses and a judge call
  });
});
