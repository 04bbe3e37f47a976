/**
 * Evaluation (§3.4.1, §4.2). Reward accuracy (Eq. 3) of every evaluation pair under every prefix:
 * π(y_w | prefix, x) > π(y_l | prefix, x) by mean token log-probability where the generator can
 * score a given text, else the generative variant (the generator, given the prefixed request, picks
 * y_w or y_l, asked in both orders). The method is decided once per study and never mixed. Then the
 * generation win rates (Table 3): a response per win-rate condition for `winQuestions` evaluation
 * questions per person, every two conditions compared by the personal judge.
 */
import { isLlmError } from '../llm/errors';
import { parseVerdict } from '../pipeline/parsers';
import { Rng } from '../random';
import type { FamousPerson } from './famous';
import { judgeComparisons, type Comparison } from './pairs-step';
import { parseText } from './parsers';
import { prefixedPrompt, type PrefixKind } from './prefixes';
import { stopFor, StudyStopped, type StudyRun } from './run-context';
import type { WikiPair, WikiQuestion, WikiReward } from './store';
import { formatForScoring } from './score-format';
import { PLAIN_TEMPLATE, PREFERENCE_CHOICE_TEMPLATE } from './templates';

const CHOICE_SCHEMA = {
  type: 'object',
  properties: { preferred: { type: 'string', enum: ['A', 'B'] }, reason: { type: 'string', maxLength: 400 } },
  required: ['preferred', 'reason'],
  additionalProperties: false,
} as const;

/** Decides (once per study) how reward accuracy is measured, probing the generator's scoring. */
async function decideMethod(run: StudyRun): Promise<'logprob' | 'generative'> {
  if (run.study.scoringMethod) return run.study.scoringMethod;
  const mode = run.config.scoring;
  const g = run.deps.clients.generator;
  let method: 'logprob' | 'generative' = 'generative';
  let note: string | undefined;
  if (mode !== 'generative') {
    if (!g.score) note = `${g.backend} cannot score a given text`;
    else {
      try {
        await g.score(
          { prompt: formatForScoring('Hello', run.config.scoreFormat), continuation: 'Hello! How can I help?' },
          { signal: run.deps.signal },
        );
        method = 'logprob';
      } catch (e) {
        if (run.deps.signal.aborted) throw new StudyStopped('Stopped.', true);
        note = `the server could not score a given text (${isLlmError(e) ? e.message : String(e)})`;
      }
    }
    if (note && mode === 'logprob') throw new StudyStopped(`Reward accuracy by log-probability was asked for, but ${note}.`, false);
    if (note) run.deps.onNote?.(`Reward accuracy is measured generatively: ${note}.`);
  }
  run.study = { ...run.study, scoringMethod: method, ...(note ? { scoringNote: note } : {}) };
  await run.store.putStudy(run.study);
  return method;
}

/** Every evaluation pair, per person. */
async function evalPairs(run: StudyRun): Promise<Map<string, WikiPair[]>> {
  const out = new Map<string, WikiPair[]>();
  for (const pair of await run.store.list(run.study.id, 'pair')) {
    if (pair.split !== 'eval') continue;
    out.set(pair.personId, [...(out.get(pair.personId) ?? []), pair]);
  }
  return out;
}

async function reward(
  run: StudyRun,
  method: 'logprob' | 'generative',
  p: FamousPerson,
  kind: PrefixKind,
  pair: WikiPair,
): Promise<WikiReward | undefined> {
  const base = { personId: p.id, kind, questionId: pair.questionId, type: pair.type };
  const c = run.config;
  if (kind === 'random')
    return { ...base, method: 'random', correct: new Rng(`${c.seed}/random/${p.id}/${pair.questionId}`).chance(0.5) ? 1 : 0 };
  const prefix = await run.store.get(run.study.id, 'prefix', `${p.id}/${kind}`);
  if (!prefix) return undefined;
  const request = prefixedPrompt(prefix, pair.question);
  const key = `reward/${p.id}/${kind}/${pair.questionId}`;
  if (method === 'logprob') {
    const g = run.deps.clients.generator;
    const prompt = formatForScoring(request, c.scoreFormat);
    try {
      const w = await run.score(g, { prompt, continuation: pair.yw });
      const l = await run.score(g, { prompt, continuation: pair.yl });
      return { ...base, method, correct: w.meanLogprob > l.meanLogprob ? 1 : 0, logprobs: { yw: w.meanLogprob, yl: l.meanLogprob } };
    } catch (e) {
      const stop = stopFor(e, run.deps.signal);
      if (stop) throw stop;
      await run.fail(key, isLlmError(e) ? e.message : String(e));
      return undefined;
    }
  }
  const orders = [
    { a: pair.yw, b: pair.yl, yw: 'A' },
    { a: pair.yl, b: pair.yw, yw: 'B' },
  ];
  let right = 0;
  for (const [i, o] of orders.entries()) {
    const v = await run.call(
      'generator',
      0,
      c.sampling,
      {
        template: PREFERENCE_CHOICE_TEMPLATE,
        values: { request, answer_a: o.a, answer_b: o.b },
        parse: parseVerdict,
        jsonSchema: CHOICE_SCHEMA,
      },
      `${key}/${i}`,
    );
    if (!v) return undefined;
    if (v.choice === o.yw) right++;
  }
  return { ...base, method, correct: right / 2 };
}

/** The evaluation questions of a person's win rates: up to `n`, personal and divergent in turn. */
function winQuestions(pairs: readonly WikiPair[], n: number): WikiPair[] {
  const personal = pairs.filter((p) => p.type === 'personal');
  const divergent = pairs.filter((p) => p.type === 'divergent');
  const out: WikiPair[] = [];
  for (let i = 0; out.length < n && (i < personal.length || i < divergent.length); i++) {
    if (personal[i]) out.push(personal[i]!);
    if (out.length < n && divergent[i]) out.push(divergent[i]!);
  }
  return out;
}

async function winRates(run: StudyRun, p: FamousPerson, pairs: readonly WikiPair[]): Promise<void> {
  const kinds = run.config.winRate.filter((k) => k !== 'random');
  if (kinds.length < 2) return;
  const questions = winQuestions(pairs, run.config.winQuestions);
  const texts = new Map<string, string>();
  for (const q of questions) {
    for (const kind of kinds) {
      const key = `${p.id}/${q.questionId}/${kind}`;
      const stored = await run.store.get(run.study.id, 'response', key);
      if (stored) {
        texts.set(key, stored.text);
        continue;
      }
      const prefix = await run.store.get(run.study.id, 'prefix', `${p.id}/${kind}`);
      if (!prefix) continue;
      const text = await run.call(
        'generator',
        0,
        run.config.sampling,
        { template: PLAIN_TEMPLATE, values: { prompt: prefixedPrompt(prefix, q.question) }, parse: parseText },
        `response/${key}`,
      );
      if (text === undefined) continue;
      await run.store.put(run.study.id, 'response', key, { text });
      texts.set(key, text);
    }
  }
  const list: (Comparison & { readonly kinds: readonly [PrefixKind, PrefixKind] })[] = [];
  for (const q of questions) {
    const wq: WikiQuestion = { id: q.questionId, text: q.question, type: q.type, owner: p.id, split: 'eval' };
    for (let i = 0; i < kinds.length; i++) {
      for (let j = i + 1; j < kinds.length; j++) {
        const [ki, kj] = [kinds[i]!, kinds[j]!];
        if (await run.store.get(run.study.id, 'win', `${p.id}/${q.questionId}/${ki}~${kj}`)) continue;
        const [ti, tj] = [texts.get(`${p.id}/${q.questionId}/${ki}`), texts.get(`${p.id}/${q.questionId}/${kj}`)];
        if (ti === undefined || tj === undefined) continue;
        const swap = new Rng(`${run.config.seed}/win-order/${p.id}/${q.questionId}/${ki}/${kj}`).chance(0.5);
        list.push(
          swap
            ? { q: wq, a: 1, b: 0, textA: tj, textB: ti, kinds: [kj, ki] }
            : { q: wq, a: 0, b: 1, textA: ti, textB: tj, kinds: [ki, kj] },
        );
      }
    }
  }
  const verdicts = await judgeComparisons(run, p, list, 'win-rate');
  for (const [i, c] of list.entries()) {
    const v = verdicts[i];
    if (!v) continue;
    const [ka, kb] = c.kinds;
    const [first, second] = c.a === 0 ? [ka, kb] : [kb, ka];
    await run.store.put(run.study.id, 'win', `${p.id}/${c.q.id}/${first}~${second}`, {
      personId: p.id,
      questionId: c.q.id,
      a: first,
      b: second,
      winner: v.aIsBetter ? ka : kb,
    });
  }
}

/** Scores every missing pair under every prefix, then the win rates. */
export async function evalStep(run: StudyRun): Promise<void> {
  const method = await decideMethod(run);
  const byPerson = await evalPairs(run);
  const jobs = run.people.flatMap((p) =>
    run.config.prefixes.flatMap((kind) => (byPerson.get(p.id) ?? []).map((pair) => ({ p, kind, pair }))),
  );
  const total = jobs.length + run.people.length;
  let done = 0;
  for (const j of jobs) if (await run.store.get(run.study.id, 'reward', `${j.p.id}/${j.kind}/${j.pair.questionId}`)) done++;
  run.progress('evaluation', done, total);
  await run.pool(jobs, async ({ p, kind, pair }) => {
    const key = `${p.id}/${kind}/${pair.questionId}`;
    if (await run.store.get(run.study.id, 'reward', key)) return;
    const r = await reward(run, method, p, kind, pair);
    if (!r) return;
    await run.store.put(run.study.id, 'reward', key, r);
    run.progress('evaluation', ++done, total, run.session.failures);
  });
  await run.pool(run.people, async (p) => {
    await winRates(run, p, byPerson.get(p.id) ?? []);
    run.progress('evaluation', ++done, total, run.session.failures);
  });
}
