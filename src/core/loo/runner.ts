/**
 * Runs the leave-one-out design with the pipeline's own stages (PERSONA §4.1): each baseline answer
 * is critiqued and revised for the persona without a_i and for the persona with it (Appendix B
 * prompts), then a judge role-playing each of the two personas picks between the two revisions,
 * shown in a seeded order. Calls go through the pipeline's call cache, so a stopped run resumes
 * without asking again; judgements already stored are skipped. Model output that cannot be used (a
 * critique, revision or verdict still unreadable after the attempts, or still cut off at the token
 * limit) and a request the backend refuses as it is (context overflow…) give judgements without a
 * choice, with the reason, never a stopped run; other backend failures and aborts stop it.
 */
import type { SamplingOptions } from '../llm/types';
import { DEFAULT_SAMPLING } from '../pipeline/config';
import type { StageContext } from '../pipeline/context';
import { StageError } from '../pipeline/call';
import { baseAnswer, critique, judge, revise } from '../pipeline/stages';
import type { LooJudgement, LooChoice } from './analysis';
import { withShownFirst, type LooDesign, type LooQuestion, type LooUnit } from './design';

/** Failures of one task that leave its judgements without a choice (the run goes on). */
function unusable(e: unknown): e is StageError {
  return e instanceof StageError && (e.kind === 'unparseable' || e.kind === 'truncated' || e.kind === 'rejected');
}

/** A judgement as the runner reports it, with the judge's reason or the failure. */
export interface LooRunJudgement extends LooJudgement {
  /** The judge's reason, or why no choice could be read. */
  readonly note: string;
}

/** Options of a run. */
export interface LooRunOptions {
  /** The design. */
  readonly design: LooDesign;
  /** The stage context (client, seed, signal, cache); `sampleIndex` and `sampling` are set by the runner. */
  readonly ctx: Omit<StageContext, 'sampleIndex' | 'sampling'>;
  /** Sampling per role; default the pipeline's (generator and critic 0.7, judge greedy). */
  readonly sampling?: { readonly generator?: SamplingOptions; readonly critic?: SamplingOptions; readonly judge?: SamplingOptions };
  /** Keys `attribute/unit/questionId` whose two judgements are already stored. */
  readonly done?: ReadonlySet<string>;
  /** Receives each pair of judgements (store them here). */
  readonly onJudgements: (judgements: readonly [LooRunJudgement, LooRunJudgement]) => Promise<void>;
  /** Progress: (questions finished, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The key of one (unit, question). */
export const looKey = (attribute: string, unit: number, questionId: string) => `${attribute}/${unit}/${questionId}`;

/** The number of (unit, question) tasks of a design. */
export function looTaskCount(design: LooDesign): number {
  return design.attributes.reduce((s, a) => s + a.units.length, 0) * design.questions.length;
}

/** Critique then revision of the baseline for one persona text. */
async function revisionFor(persona: string, q: LooQuestion, baseline: string, ctx: StageContext): Promise<string> {
  const c = await critique({ instruction: q.text, persona, completion: baseline }, ctx);
  const r = await revise({ instruction: q.text, completion: baseline, critique: c.value }, ctx);
  return r.value.text;
}

/** One judge's pick, as which revision it preferred; a stage that cannot be read gives null. */
async function pick(
  persona: string,
  q: LooQuestion,
  answers: { first: string; second: string; withFirst: boolean },
  ctx: StageContext,
): Promise<{ choice: LooChoice | null; note: string }> {
  try {
    const v = await judge({ persona, instruction: q.text, answerA: answers.first, answerB: answers.second }, ctx);
    const firstChosen = v.value.choice === 'A';
    return { choice: firstChosen === answers.withFirst ? 'with' : 'without', note: v.value.reason };
  } catch (e) {
    if (unusable(e)) return { choice: null, note: e.message };
    throw e;
  }
}

/** Runs every task not yet done. Rejects on a backend failure or abort (what was stored stays). */
export async function runLoo(o: LooRunOptions): Promise<void> {
  const { design } = o;
  const base = { ...o.ctx, sampleIndex: 0 };
  const ctx: Roles = {
    generator: { ...base, sampling: o.sampling?.generator ?? DEFAULT_SAMPLING.generator },
    critic: { ...base, sampling: o.sampling?.critic ?? DEFAULT_SAMPLING.critic },
    judge: { ...base, sampling: o.sampling?.judge ?? DEFAULT_SAMPLING.judge },
  };
  const total = looTaskCount(design);
  let finished = 0;
  const baselines = new Map<string, string>();
  const baselineOf = async (q: LooQuestion) => {
    if (q.baseline) return q.baseline;
    const known = baselines.get(q.id);
    if (known !== undefined) return known;
    const text = (await baseAnswer({ instruction: q.text }, ctx.generator)).value.text;
    baselines.set(q.id, text);
    return text;
  };
  for (const { units } of design.attributes) {
    for (const unit of units) {
      for (const q of design.questions) {
        base.signal.throwIfAborted();
        if (!o.done?.has(looKey(unit.attribute, unit.index, q.id)))
          await runTask(design, unit, q, () => baselineOf(q), ctx, o.onJudgements);
        o.onProgress?.(++finished, total);
      }
    }
  }
}

/** The stage context of each role. */
interface Roles {
  readonly generator: StageContext;
  readonly critic: StageContext;
  readonly judge: StageContext;
}

async function runTask(
  design: LooDesign,
  unit: LooUnit,
  q: LooQuestion,
  baselineOf: () => Promise<string>,
  ctx: Roles,
  store: LooRunOptions['onJudgements'],
) {
  const base = { attribute: unit.attribute, unit: unit.index, personaId: unit.personaId, questionId: q.id };
  let yWithout: string, yWith: string;
  try {
    const baseline = await baselineOf();
    yWithout = await revisionFor(unit.without, q, baseline, ctx.critic);
    yWith = await revisionFor(unit.with, q, baseline, ctx.critic);
  } catch (e) {
    // An unusable baseline, critique or revision leaves nothing to judge: both judgements are stored without
    // a choice (kappa uses the other questions) and the run goes on. Asking again would only replay
    // the cached outputs, so the task counts as done.
    if (!unusable(e)) throw e;
    await store([
      { ...base, judge: 'without', choice: null, note: e.message },
      { ...base, judge: 'with', choice: null, note: e.message },
    ]);
    return;
  }
  const withFirst = withShownFirst(design, unit, q.id);
  const answers = { first: withFirst ? yWith : yWithout, second: withFirst ? yWithout : yWith, withFirst };
  const a = await pick(unit.without, q, answers, ctx.judge);
  const b = await pick(unit.with, q, answers, ctx.judge);
  await store([
    { ...base, judge: 'without', choice: a.choice, note: a.note },
    { ...base, judge: 'with', choice: b.choice, note: b.note },
  ]);
}
