/**
 * The seam to the pipeline (issue #4): a run's judged pairs as a label set. Category "a" is the
 * base answer y_l, "b" the persona-revised y_w. The pipeline judges every pair in both orders, so
 * each judge gives two raters, "<model> · y_w first" and "<model> · y_l first", grouped under the
 * judge so its position bias is measured over both orders together. Pairs with an output cut off at
 * the token limit are left out unless `includeTruncated` (as in the pipeline's own judge statistics).
 */
import { hashHex } from '../random';
import { countsForJudgeStats, type JudgeStatsOptions, type PairView } from '../pipeline/pairs';
import type { RunRecord } from '../pipeline/records';
import type { LabelSet, PairRef, RaterInfo } from './label-set';

/** Builds the set from a run and its pairs (in any order; pairs without verdicts are kept as unlabelled). */
export async function labelSetFromRun(
  run: RunRecord,
  pairs: AsyncIterable<PairView> | Iterable<PairView>,
  now: number,
  options: JudgeStatsOptions = {},
): Promise<LabelSet> {
  const raters: RaterInfo[] = run.config.judges.flatMap((j, i) => {
    const model = `${j.model.backend}:${j.model.model}`;
    const group = `judge ${i + 1}: ${model}`;
    return [
      { id: `${group} · y_w first`, kind: 'model' as const, model, mode: 'role-play judge, y_w shown first', group },
      { id: `${group} · y_l first`, kind: 'model' as const, model, mode: 'role-play judge, y_l shown first', group },
    ];
  });
  const refs: PairRef[] = [];
  const labels: number[][] = raters.map(() => []);
  for await (const p of pairs) {
    if (!countsForJudgeStats(p, options)) continue;
    refs.push({
      id: p.id,
      personaId: p.personaId,
      ...(p.yl !== undefined ? { lengthA: p.yl.length } : {}),
      ...(p.yw !== undefined ? { lengthB: p.yw.length } : {}),
    });
    p.verdicts.forEach((v) => {
      labels[2 * v.judge]?.push(v.wl ? (v.wl.winner === 'yw' ? 1 : 0) : -1);
      labels[2 * v.judge + 1]?.push(v.lw ? (v.lw.winner === 'yw' ? 1 : 0) : -1);
    });
  }
  const n = refs.length;
  const choices = new Int16Array(raters.length * n).fill(-1);
  const shownFirst = new Int16Array(raters.length * n).fill(-1);
  raters.forEach((_, r) => {
    labels[r]!.forEach((c, i) => {
      choices[r * n + i] = c;
      if (c >= 0) shownFirst[r * n + i] = r % 2 === 0 ? 1 : 0;
    });
  });
  return {
    id: `run-${hashHex(`${run.id}/${now}`)}`,
    name: `Run: ${run.name}`,
    createdAt: now,
    categories: ['a', 'b'],
    raters,
    pairs: refs,
    choices,
    shownFirst,
  };
}
