/**
 * Reading a run's pairs as whole records (persona, prompt, y_l, critique, y_w, verdicts), for the
 * results browser, the exports and the agreement statistics. Items are read in pages, so a large
 * run streams. A pair with an output cut off at the token limit (`truncated`) is left out of judge
 * statistics by default, here and in `judging/from-run.ts` alike.
 */
import type { PromptItem } from '../prompts/types';
import { modelLabel } from './config';
import { judgeNames } from './judge-names';
import { buildPlan } from './plan';
import type { Critique } from './parsers';
import { outputOf, verdictOf, type ItemStatus, type PairSplit, type RunItem, type RunRecord, type StoredVerdict } from './records';
import type { PipelineStore } from './store';

/** How one judge saw a pair across both orders. */
export type JudgeOutcome = 'yw' | 'yl' | 'disagree' | 'incomplete';

/** One judge's verdicts on a pair. */
interface PairVerdicts {
  /** Judge index in the run's config. */
  readonly judge: number;
  /** "backend:model" of the judge. */
  readonly model: string;
  /** The judge's name, distinct from the run's other judges (the model, plus the settings that differ). */
  readonly name: string;
  /** Verdict with y_w shown first (as A); undefined until done. */
  readonly wl?: StoredVerdict;
  /** Verdict with y_l shown first (as A); undefined until done. */
  readonly lw?: StoredVerdict;
  /** Both orders chose y_w, both chose y_l, they disagree, or one is missing. */
  readonly outcome: JudgeOutcome;
}

/** A pair as people and exports see it. */
export interface PairView {
  /** Item id. */
  readonly id: string;
  /** Run id. */
  readonly runId: string;
  /** Persona id. */
  readonly personaId: string;
  /** The persona text the models saw. */
  readonly persona: string;
  /** Prompt id. */
  readonly promptId: string;
  /** The prompt text x. */
  readonly prompt: string;
  /** The prompt's topic. */
  readonly topic: string;
  /** Train, seen-test or heldout-test. */
  readonly split: PairSplit;
  /** The item's status. */
  readonly status: ItemStatus;
  /** y_l, once made. */
  readonly yl?: string;
  /** The critique, once made. */
  readonly critique?: Critique;
  /** y_w, once made. */
  readonly yw?: string;
  /** Verdicts per judge (empty when the run has no judge). */
  readonly verdicts: readonly PairVerdicts[];
  /** What went wrong, for failed pairs (the first failed stage's error). */
  readonly error?: string;
  /**
   * Stages whose answer stayed cut off at the token limit ("base" for y_l, "critique", "revise",
   * "judge:0:wl"…); absent when none. Such a pair is left out of judge statistics by default.
   */
  readonly truncated?: readonly string[];
}

/** Options of the judge statistics. */
export interface JudgeStatsOptions {
  /** Count pairs with an output cut off at the token limit (their remaining verdicts); default false. */
  readonly includeTruncated?: boolean;
}

/** Whether judge statistics count this pair. */
export function countsForJudgeStats(p: Pick<PairView, 'truncated'>, o: JudgeStatsOptions = {}): boolean {
  return o.includeTruncated === true || !p.truncated?.length;
}

/** The outcome of one judge over both orders. */
export function judgeOutcome(wl: StoredVerdict | undefined, lw: StoredVerdict | undefined): JudgeOutcome {
  if (!wl || !lw) return 'incomplete';
  if (wl.winner !== lw.winner) return 'disagree';
  return wl.winner;
}

/** Builds a pair view from its item, its y_l slot and the run. */
function pairView(
  run: RunRecord,
  item: RunItem,
  slot: RunItem | undefined,
  prompts: ReadonlyMap<string, PromptItem>,
  personas: ReadonlyMap<string, string>,
  names: readonly string[] = judgeNames(run.config.judges),
): PairView {
  const prompt = prompts.get(item.promptId);
  const verdicts = run.config.judges.map((j, i): PairVerdicts => {
    const wl = verdictOf(item, i, 'wl');
    const lw = verdictOf(item, i, 'lw');
    return {
      judge: i,
      model: modelLabel(j.model),
      name: names[i] ?? modelLabel(j.model),
      ...(wl ? { wl } : {}),
      ...(lw ? { lw } : {}),
      outcome: judgeOutcome(wl, lw),
    };
  });
  const failed = Object.values(item.stages).find((s) => s.status === 'failed');
  const error = item.error ?? failed?.error;
  const yl = outputOf(slot, 'base')?.text;
  const critique = outputOf(item, 'critique');
  const yw = outputOf(item, 'revise')?.text;
  const truncated = [
    ...(slot?.stages.base?.failure === 'truncated' ? ['base'] : []),
    ...Object.entries(item.stages)
      .filter(([, s]) => s.status === 'failed' && s.failure === 'truncated')
      .map(([name]) => name),
  ];
  return {
    id: item.id,
    runId: item.runId,
    personaId: item.personaId ?? '',
    persona: personas.get(item.personaId ?? '') ?? '',
    promptId: item.promptId,
    prompt: prompt?.text ?? '',
    topic: prompt?.topic ?? 'other',
    split: item.split ?? 'train',
    status: item.status,
    ...(yl !== undefined ? { yl } : {}),
    ...(critique ? { critique } : {}),
    ...(yw !== undefined ? { yw } : {}),
    verdicts,
    ...(error ? { error } : {}),
    ...(truncated.length ? { truncated } : {}),
  };
}

/**
 * Every pair of a run that has an item, in id order; with `planned`, then every pair of the plan not
 * started yet (status "pending", so an interrupted run lists all its pairs). Slots are fetched as
 * needed (and remembered, up to 2,048).
 */
export async function* readPairs(store: PipelineStore, runId: string, o: { planned?: boolean } = {}): AsyncIterable<PairView> {
  const run = await store.getRun(runId);
  if (!run) throw new Error(`No run with id "${runId}".`);
  const prompts = new Map(run.prompts.map((p) => [p.id, p]));
  const personas = new Map(run.personas.map((p) => [p.id, p.text]));
  const slots = new Map<string, RunItem | undefined>();
  const names = judgeNames(run.config.judges);
  const slot = async (ylId: string) => {
    if (!slots.has(ylId)) {
      if (slots.size >= 2048) slots.delete(slots.keys().next().value as string);
      slots.set(ylId, await store.getItem(ylId));
    }
    return slots.get(ylId);
  };
  const seen = new Set<string>();
  for await (const item of store.listItems(runId)) {
    if (item.kind !== 'pair') continue;
    if (o.planned) seen.add(item.id);
    yield pairView(run, item, await slot(item.ylId ?? ''), prompts, personas, names);
  }
  if (!o.planned) return;
  for (const p of buildPlan(run.id, run.config, run.personas, run.prompts, run.pairs).pairs) {
    if (seen.has(p.id)) continue;
    const item: RunItem = { ...p, runId, kind: 'pair', status: 'pending', stages: {}, round: 0, updatedAt: run.createdAt };
    yield pairView(run, item, await slot(p.ylId), prompts, personas, names);
  }
}

/** One judge verdict as a flat row: what the agreement statistics read. */
export interface VerdictRow {
  /** Run id. */
  readonly runId: string;
  /** Pair item id. */
  readonly pairId: string;
  /** Persona id. */
  readonly personaId: string;
  /** Prompt id. */
  readonly promptId: string;
  /** Topic. */
  readonly topic: string;
  /** Pair split. */
  readonly split: PairSplit;
  /** Judge index in the run's config. */
  readonly judge: number;
  /** "backend:model" of the judge. */
  readonly judgeModel: string;
  /** "wl": y_w shown as A; "lw": y_l shown as A. */
  readonly order: 'wl' | 'lw';
  /** The label chosen. */
  readonly choice: 'A' | 'B';
  /** The answer chosen. */
  readonly winner: 'yw' | 'yl';
}

/** Every finished verdict of a run, one row per judge and order (pairs with cut-off output left out unless asked). */
export async function* readVerdicts(store: PipelineStore, runId: string, o: JudgeStatsOptions = {}): AsyncIterable<VerdictRow> {
  for await (const p of readPairs(store, runId)) {
    if (!countsForJudgeStats(p, o)) continue;
    for (const v of p.verdicts) {
      for (const order of ['wl', 'lw'] as const) {
        const verdict = v[order];
        if (!verdict) continue;
        yield {
          runId,
          pairId: p.id,
          personaId: p.personaId,
          promptId: p.promptId,
          topic: p.topic,
          split: p.split,
          judge: v.judge,
          judgeModel: v.model,
          order,
          choice: verdict.choice,
          winner: verdict.winner,
        };
      }
    }
  }
}

/** A judge's summary over a run. */
export interface JudgeSummary {
  /** Judge index. */
  readonly judge: number;
  /** "backend:model". */
  readonly model: string;
  /** The judge's distinct name (see `judgeNames`). */
  readonly name: string;
  /** Verdicts given (both orders counted). */
  readonly verdicts: number;
  /** Verdicts that chose y_w. */
  readonly ywWins: number;
  /** ywWins / verdicts; undefined with no verdict (the paper saw 0.96). */
  readonly ywWinRate?: number;
  /** Pairs with both orders judged. */
  readonly pairsBothOrders: number;
  /** Of those, pairs whose two verdicts chose different answers (position bias). */
  readonly disagreements: number;
  /** disagreements / pairsBothOrders; undefined when no pair has both. */
  readonly disagreementRate?: number;
}

/** Adds pair views into per-judge summaries; call `finish` for the rates. Pairs with cut-off output are left out unless asked. */
export class JudgeTally {
  readonly #rows: Array<{ model: string; name: string; verdicts: number; ywWins: number; both: number; disagree: number }> = [];
  readonly #options: JudgeStatsOptions;
  #leftOut = 0;

  constructor(options: JudgeStatsOptions = {}) {
    this.#options = options;
  }

  /** Pairs left out for output cut off at the token limit. */
  get leftOut(): number {
    return this.#leftOut;
  }

  /** Counts one pair. */
  add(p: PairView): void {
    if (!countsForJudgeStats(p, this.#options)) {
      this.#leftOut++;
      return;
    }
    for (const v of p.verdicts) {
      const row = (this.#rows[v.judge] ??= { model: v.model, name: v.name, verdicts: 0, ywWins: 0, both: 0, disagree: 0 });
      for (const x of [v.wl, v.lw])
        if (x) {
          row.verdicts++;
          if (x.winner === 'yw') row.ywWins++;
        }
      if (v.wl && v.lw) {
        row.both++;
        if (v.outcome === 'disagree') row.disagree++;
      }
    }
  }

  /** The summaries, by judge index. */
  finish(): JudgeSummary[] {
    return this.#rows.map((r, judge) => ({
      judge,
      model: r.model,
      name: r.name,
      verdicts: r.verdicts,
      ywWins: r.ywWins,
      pairsBothOrders: r.both,
      disagreements: r.disagree,
      ...(r.verdicts ? { ywWinRate: r.ywWins / r.verdicts } : {}),
      ...(r.both ? { disagreementRate: r.disagree / r.both } : {}),
    }));
  }
}
