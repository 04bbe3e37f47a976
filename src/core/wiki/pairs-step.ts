/**
 * Steps 3 and 4 of §3.3: candidates for every question, then per person the personal judge (G.4)
 * runs a single-elimination bracket over each question's kept candidates (4 → 2 → 1: three
 * comparisons in two rounds). The final's winner is y_w and its loser y_l. A round's comparisons of
 * one person go to the judge `judgeBatch` at a time; which candidate is Output (a) is drawn by the
 * seed. Generic judgements (the same question for people of one axis) are asked per person.
 */
import { Rng } from '../random';
import { candidatesFor } from './candidates';
import type { FamousPerson } from './famous';
import { parseJudgements, type Judgement } from './parsers';
import type { StudyRun } from './run-context';
import type { CandidateSet, WikiMatch, WikiPair, WikiQuestion } from './store';
import { JUDGEMENT_SCHEMA, judgeValues, PERSONAL_JUDGE_TEMPLATE, type JudgeExample } from './templates';

/**
 * The questions a person is asked: their own, then their axes'. A person of several axes keeps one
 * axis' worth of divergent training questions, drawn by the seed, and every divergent evaluation
 * question (Appendix E.1: "we randomly sample 50 train questions for fairness, and keep all test
 * questions").
 */
async function questionsOf(run: StudyRun, p: FamousPerson): Promise<WikiQuestion[]> {
  const own = (await run.store.get(run.study.id, 'questions', p.id)) ?? [];
  const shared = await Promise.all(p.axes.map(async (a) => (await run.store.get(run.study.id, 'questions', a.axis)) ?? []));
  return [...own, ...fairDivergent(shared, `${run.config.seed}/divergent-train/${p.id}`)];
}

/** The divergent questions of a person's axes, their training questions cut to the most one axis has (Appendix E.1), in the sets' order. */
export function fairDivergent(sets: readonly (readonly WikiQuestion[])[], seed: string): WikiQuestion[] {
  const all = sets.flat();
  if (sets.length <= 1) return all;
  const cap = Math.max(0, ...sets.map((set) => set.filter((q) => q.split === 'train').length));
  const keep = new Set(
    new Rng(seed)
      .sample(
        all.filter((q) => q.split === 'train'),
        cap,
      )
      .map((q) => q.id),
  );
  return all.filter((q) => q.split === 'eval' || keep.has(q.id));
}

/** One comparison to ask: two candidates of a question, in the order shown. */
export interface Comparison {
  /** The question. */
  readonly q: WikiQuestion;
  /** Shown as Output (a) and (b). */
  readonly a: number;
  readonly b: number;
  /** Their texts. */
  readonly textA: string;
  readonly textB: string;
}

/**
 * Asks the personal judge about comparisons, `judgeBatch` per call. Resolves, for each comparison,
 * to the verdict, or undefined when its batch failed.
 */
export async function judgeComparisons(
  run: StudyRun,
  person: FamousPerson,
  list: readonly Comparison[],
  key: string,
): Promise<(Judgement | undefined)[]> {
  const size = Math.max(1, run.config.judgeBatch);
  const out: (Judgement | undefined)[] = new Array(list.length);
  const batches = Array.from({ length: Math.ceil(list.length / size) }, (_, i) => i);
  await run.pool(batches, async (i) => {
    const batch = list.slice(i * size, (i + 1) * size);
    const examples: JudgeExample[] = batch.map((c) => ({ name: person.name, input: c.q.text, outputA: c.textA, outputB: c.textB }));
    const verdicts = await run.call(
      'judge',
      0,
      run.config.sampling,
      {
        template: PERSONAL_JUDGE_TEMPLATE,
        values: judgeValues(examples),
        parse: (raw) => parseJudgements(raw, batch.length),
        ...(batch.length === 1 ? { jsonSchema: JUDGEMENT_SCHEMA } : {}),
      },
      `judge/${person.id}/${key}/${i}`,
    );
    batch.forEach((_, j) => (out[i * size + j] = verdicts?.[j]));
  });
  return out;
}

interface Bracket {
  readonly q: WikiQuestion;
  readonly set: CandidateSet;
  alive: number[];
  readonly matches: WikiMatch[];
  failed: boolean;
}

/** Runs the brackets of one person's questions that have no pair yet. */
async function bracketsFor(run: StudyRun, person: FamousPerson, questions: readonly WikiQuestion[], onPair: () => void): Promise<void> {
  const brackets: Bracket[] = [];
  for (const q of questions) {
    if (await run.store.get(run.study.id, 'pair', `${person.id}/${q.id}`)) continue;
    const set = await run.store.get(run.study.id, 'candidates', q.id);
    if (set) brackets.push({ q, set, alive: [...set.kept], matches: [], failed: false });
  }
  for (let round = 1; brackets.some((b) => !b.failed && b.alive.length > 1); round++) {
    const list: (Comparison & { readonly bracket: Bracket })[] = [];
    for (const b of brackets) {
      if (b.failed || b.alive.length < 2) continue;
      for (let i = 0; i + 1 < b.alive.length; i += 2) {
        let [x, y] = [b.alive[i]!, b.alive[i + 1]!];
        if (new Rng(`${run.config.seed}/order/${person.id}/${b.q.id}/${round}/${x}/${y}`).chance(0.5)) [x, y] = [y, x];
        list.push({ bracket: b, q: b.q, a: x, b: y, textA: b.set.candidates[x]!.text, textB: b.set.candidates[y]!.text });
      }
    }
    const verdicts = await judgeComparisons(run, person, list, `round${round}`);
    const winners = new Map<Bracket, number[]>();
    list.forEach((c, i) => {
      const v = verdicts[i];
      if (!v) {
        c.bracket.failed = true;
        return;
      }
      const winner = v.aIsBetter ? c.a : c.b;
      c.bracket.matches.push({ round, a: c.a, b: c.b, winner, explanation: v.explanation });
      winners.set(c.bracket, [...(winners.get(c.bracket) ?? []), winner]);
    });
    for (const b of brackets) {
      if (b.failed || b.alive.length < 2) continue;
      const bye = b.alive.length % 2 === 1 ? [b.alive.at(-1)!] : [];
      b.alive = [...(winners.get(b) ?? []), ...bye];
    }
  }
  for (const b of brackets) {
    const final = b.matches.at(-1);
    if (b.failed || !final) {
      await run.fail(`pair/${person.id}/${b.q.id}`, `the personal judge gave no readable verdict for "${b.q.text}"`);
      continue;
    }
    const loser = final.winner === final.a ? final.b : final.a;
    const pair: WikiPair = {
      personId: person.id,
      questionId: b.q.id,
      question: b.q.text,
      type: b.q.type,
      split: b.q.split,
      ...(b.q.type === 'divergent' ? { axis: b.q.owner } : {}),
      yw: b.set.candidates[final.winner]!.text,
      yl: b.set.candidates[loser]!.text,
      ywIndex: final.winner,
      ylIndex: loser,
      matches: b.matches,
    };
    await run.store.put(run.study.id, 'pair', `${person.id}/${b.q.id}`, pair);
    onPair();
  }
}

/** Makes every missing candidate set (for the questions someone is asked) and pair. */
export async function pairsStep(run: StudyRun): Promise<void> {
  const asked = new Map<string, WikiQuestion[]>();
  for (const p of run.people) asked.set(p.id, await questionsOf(run, p));
  const byId = new Map([...asked.values()].flat().map((q) => [q.id, q]));
  const questions = [...byId.values()];
  let pairTotal = 0;
  let pairsDone = 0;
  for (const p of run.people) {
    const qs = asked.get(p.id)!;
    pairTotal += qs.length;
    for (const q of qs) if (await run.store.get(run.study.id, 'pair', `${p.id}/${q.id}`)) pairsDone++;
  }
  let candDone = 0;
  const total = questions.length + pairTotal;
  const report = () => run.progress('pairs', candDone + pairsDone, total, run.session.failures);
  for (const q of questions) if (await run.store.get(run.study.id, 'candidates', q.id)) candDone++;
  report();
  await run.pool(questions, async (q) => {
    if (await run.store.get(run.study.id, 'candidates', q.id)) return;
    if (await candidatesFor(run, q)) candDone++;
    report();
  });
  await run.pool(run.people, (p) =>
    bracketsFor(run, p, asked.get(p.id)!, () => {
      pairsDone++;
      report();
    }),
  );
}
