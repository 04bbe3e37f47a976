import { describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../../../../src/core/llm/types';
import type { CachedCall } from '../../../../src/core/pipeline/cache';
import { EXAMPLE_PERSONAS } from '../../../../src/core/personas/examples';
import { looBoxes, looCsv, looKappas, type LooJudgement } from '../../../../src/core/loo/analysis';
import { designLoo, withShownFirst } from '../../../../src/core/loo/design';
import { looKey, looTaskCount, runLoo, type LooRunJudgement } from '../../../../src/core/loo/runner';
import { ScriptedClient, templateOf } from '../../../doubles/scripted-client';

const questions = [
  { id: 'q1', text: 'Should I buy a house or keep renting?', baseline: 'It depends on your finances.' },
  { id: 'q2', text: 'Is it worth learning a new language at my age?', baseline: 'Yes, it keeps the mind active.' },
];

describe('leave-one-out design (PERSONA §4.1)', () => {
  const d = designLoo({ personas: EXAMPLE_PERSONAS, attributes: ['age', 'disability', 'religion'], perAttribute: 6, questions, seed: 's' });
  it('draws units of 3 attributes without a_i and the same 3 plus a_i', () => {
    const age = d.attributes[0]!;
    expect(age.units).toHaveLength(6);
    for (const u of age.units) {
      expect(u.baseKeys).toHaveLength(3);
      expect(u.baseKeys).not.toContain('age');
      expect(u.without.split('\n')).toHaveLength(3);
      expect(u.with.split('\n')).toHaveLength(4);
      expect(u.with).toMatch(/^age: \d+/);
      expect(u.with.split('\n').filter((l) => !l.startsWith('age:'))).toEqual(u.without.split('\n'));
    }
  });
  it('draws only personas that have the attribute', () => {
    const dis = d.attributes[1]!;
    const withDisability = EXAMPLE_PERSONAS.filter((p) => p.disability !== null);
    expect(dis.eligible).toBe(withDisability.length);
    for (const u of dis.units) expect(withDisability.map((p) => p.id)).toContain(u.personaId);
  });
  it('is reproducible from the seed', () => {
    const again = designLoo({
      personas: EXAMPLE_PERSONAS,
      attributes: ['age', 'disability', 'religion'],
      perAttribute: 6,
      questions,
      seed: 's',
    });
    expect(again).toEqual(d);
    const other = designLoo({ personas: EXAMPLE_PERSONAS, attributes: ['age'], perAttribute: 6, questions, seed: 't' });
    expect(other.attributes[0]!.units.map((u) => u.baseKeys)).not.toEqual(d.attributes[0]!.units.map((u) => u.baseKeys));
    expect(looTaskCount(d)).toBe(d.attributes.reduce((s, a) => s + a.units.length, 0) * 2);
  });
});

describe('leave-one-out analysis', () => {
  const j = (unit: number, q: string, judge: 'without' | 'with', choice: 'without' | 'with' | null): LooJudgement => ({
    attribute: 'age',
    unit,
    personaId: `p${unit}`,
    questionId: q,
    judge,
    choice,
  });
  const judgements: LooJudgement[] = [
    // Unit 0: the two judges agree on 3 of 4 questions: choices (w/o judge) wo wo w w, (with judge) wo w w w.
    j(0, 'q1', 'without', 'without'),
    j(0, 'q1', 'with', 'without'),
    j(0, 'q2', 'without', 'without'),
    j(0, 'q2', 'with', 'with'),
    j(0, 'q3', 'without', 'with'),
    j(0, 'q3', 'with', 'with'),
    j(0, 'q4', 'without', 'with'),
    j(0, 'q4', 'with', 'with'),
    // Unit 1: both judges always prefer "with": kappa undefined.
    j(1, 'q1', 'without', 'with'),
    j(1, 'q1', 'with', 'with'),
    j(1, 'q2', 'without', 'with'),
    j(1, 'q2', 'with', null),
  ];
  it('kappa per persona pair over the questions both judges answered', () => {
    const [u0, u1] = looKappas(judgements);
    // Table (rows: judge without): [[1, 1], [0, 2]], n = 4: p_o = 3/4; marginals (2/4, 2/4) and (1/4, 3/4);
    // p_e = .5·.25 + .5·.75 = .5; κ = (.75 − .5)/(1 − .5) = 0.5.
    expect(u0).toEqual({ attribute: 'age', unit: 0, personaId: 'p0', kappa: 0.5, questions: 4, agreement: 0.75 });
    expect(u1).toMatchObject({ kappa: null, questions: 1, agreement: 1 });
  });
  it('box summaries count undefined kappas apart, and the CSV leaves them empty', () => {
    const [box] = looBoxes(looKappas(judgements));
    expect(box).toEqual({ attribute: 'age', kappas: [0.5], undefinedCount: 1, five: [0.5, 0.5, 0.5, 0.5, 0.5], mean: 0.5 });
    expect(looCsv(looKappas(judgements))).toBe(
      'attribute,pair,persona_id,kappa,questions,agreement\r\nage,1,p0,0.5,4,0.75\r\nage,2,p1,,1,1\r\n',
    );
  });
});

describe('leave-one-out runner on the pipeline stages', () => {
  // Critiques carry the number of persona lines (3 or 4); revisions echo it; each judge prefers the
  // revision written for a persona of its own size.
  const script = (r: GenerateRequest) => {
    const user = r.messages.at(-1)!.content;
    switch (templateOf(r)) {
      case 'critique': {
        const persona = /DEMOGRAPHIC: '([\s\S]*?)' and the INSTRUCTION/.exec(user)![1]!;
        return `EVALUATION: fine. SUGGESTIONS: write for size-${persona.split('\n').length}.\nDONE`;
      }
      case 'revise':
        return `REVISED PREFERENCE: answer for size-${/size-(\d)/.exec(user)![1]}.\nDONE`;
      case 'judge': {
        const size = r.messages[0]!.content.split('PERSON:\n')[1]!.split('\n').length;
        const a = /ANSWER A:\n([\s\S]*?)\n\nANSWER B:/.exec(user)![1]!;
        return JSON.stringify({ preferred: a.includes(`size-${size}`) ? 'A' : 'B', reason: 'mine' });
      }
      default:
        return 'unused';
    }
  };
  const design = designLoo({ personas: EXAMPLE_PERSONAS, attributes: ['age', 'sex'], perAttribute: 2, questions, seed: 'run' });

  it('critiques and revises for both personas, judges both ways in a seeded order, and resumes from the cache', async () => {
    const cache = new Map<string, CachedCall>();
    const client = new ScriptedClient(script);
    const stored: LooRunJudgement[] = [];
    const ctx = {
      llm: client,
      seed: 1,
      signal: new AbortController().signal,
      maxAttempts: 2,
      cache: { getCall: async (k: string) => cache.get(k) },
      record: async (_a: unknown, fresh: CachedCall | undefined) => void (fresh && cache.set(fresh.key, fresh)),
    };
    await runLoo({ design, ctx, onJudgements: async (pair) => void stored.push(...pair) });
    expect(stored).toHaveLength(looTaskCount(design) * 2);
    for (const j of stored) expect(j.choice).toBe(j.judge);
    // At most 8 tasks × (2 critiques + 2 revisions + 2 judges), the baselines being given; identical
    // calls (a revision depends only on the critique's text) are asked once and then served by the cache.
    expect(client.requests.length).toBeLessThanOrEqual(48);
    expect(client.requests.length).toBe(cache.size);
    expect(client.requests.filter((r) => templateOf(r) === 'critique').length).toBeGreaterThan(8);
    // The order shown alternates by seed: both orders occur.
    const orders = design.attributes.flatMap((a) => a.units.flatMap((u) => questions.map((q) => withShownFirst(design, u, q.id))));
    expect(new Set(orders).size).toBe(2);

    const again = new ScriptedClient(script);
    const done = new Set(stored.slice(0, 4).map((j) => looKey(j.attribute, j.unit, j.questionId)));
    const more: LooRunJudgement[] = [];
    await runLoo({ design, ctx: { ...ctx, llm: again }, done, onJudgements: async (pair) => void more.push(...pair) });
    expect(more).toHaveLength(stored.length - 4);
    expect(again.requests).toHaveLength(0);
  });

  it('stores judgements without a choice where a critique or revision stays unreadable, and goes on', async () => {
    const garbled = (r: GenerateRequest) =>
      templateOf(r) === 'revise' && r.messages.at(-1)!.content.includes(questions[0]!.text) ? 'I would rather not.' : script(r);
    const stored: LooRunJudgement[] = [];
    await runLoo({
      design,
      ctx: { llm: new ScriptedClient(garbled), seed: 1, signal: new AbortController().signal, maxAttempts: 2 },
      onJudgements: async (pair) => void stored.push(...pair),
    });
    expect(stored).toHaveLength(looTaskCount(design) * 2);
    const first = stored.filter((j) => j.questionId === questions[0]!.id);
    expect(first.length).toBeGreaterThan(0);
    for (const j of first)
      expect(j).toMatchObject({ choice: null, note: expect.stringMatching(/dpf-revision: output unreadable after 2 attempt/) });
    for (const j of stored.filter((x) => x.questionId !== questions[0]!.id)) expect(j.choice).toBe(j.judge);
  });

  it('stops on abort', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(
      runLoo({
        design,
        ctx: { llm: new ScriptedClient(script), seed: 1, signal: ac.signal, maxAttempts: 1 },
        onJudgements: async () => {},
      }),
    ).rejects.toThrow();
  });
});

describe('leave-one-out judgements from a file', () => {
  it('reads rows, names bad ones by file, line and field, refuses conflicting repeats', async () => {
    const { readLooFile } = await import('../../../../src/core/loo/import');
    const { formatProblem } = await import('../../../../src/core/records/problems');
    const head = 'attribute,pair,persona_id,question_id,judge,choice';
    const ok = await readLooFile('j.csv', `\uFEFF${head}\r\nage,1,p,q1,without,with\r\nage,1,p,q1,with,\r\nage,1,p,q1,with,\r\n`);
    expect(ok).toEqual({
      ok: true,
      judgements: [
        { attribute: 'age', unit: 0, personaId: 'p', questionId: 'q1', judge: 'without', choice: 'with' },
        { attribute: 'age', unit: 0, personaId: 'p', questionId: 'q1', judge: 'with', choice: null },
      ],
    });
    const bad = await readLooFile('bad.jsonl', '{"attribute":"age","pair":0,"question_id":"q","judge":"both","choice":"x"}\nnull\n');
    if (bad.ok) throw new Error('expected problems');
    expect(bad.problems.map(formatProblem)).toEqual([
      'bad.jsonl, line 1, field "pair": pair must be 1 or more',
      expect.stringMatching(/^bad\.jsonl, line 1, field "judge": /),
      expect.stringMatching(/^bad\.jsonl, line 1, field "choice": /),
      'bad.jsonl, line 2: the line is null, not a record (a JSON object)',
    ]);
    const conflict = await readLooFile('c.csv', `${head}\nage,1,,q,with,with\nage,1,,q,with,without\n`);
    expect(conflict.ok ? [] : conflict.problems.map(formatProblem)).toEqual([
      'c.csv, line 3, field "choice": the with judge of age pair 1, question q chose "without" but "with" on line 2',
    ]);
  });
});
