/**
 * Leave-one-out judgements from a file (CSV split by papaparse with a header, or JSONL objects):
 * columns attribute, pair (1-based), persona_id, question_id, judge (without|with), choice
 * (without|with, empty when the judge gave no usable answer). Judgements made elsewhere (another
 * tool, people) can be analysed and plotted here. Problems are named by row; the same judgement
 * given twice differently is refused, never resolved silently.
 */
import { z } from 'zod';
import type { LooJudgement } from './analysis';

const side = z.enum(['without', 'with']);
const rowSchema = z.object({
  attribute: z.string().trim().min(1, 'attribute is empty'),
  pair: z.coerce.number().int().min(1, 'pair must be 1 or more'),
  persona_id: z.preprocess((v) => (v === undefined || v === null ? '' : String(v)), z.string()),
  question_id: z.coerce.string().trim().min(1, 'question_id is empty'),
  judge: side,
  choice: z.preprocess((v) => (v === '' || v === undefined ? null : v), side.nullable()),
});

/** A file that cannot be read; the message lists the problems. */
export class LooFileError extends Error {
  override readonly name = 'LooFileError';
}

/** Validates rows; `firstRow` numbers the first data row (2 for CSV with a header, 1 for JSONL). */
export function looJudgementsFromRows(rows: readonly Record<string, unknown>[], firstRow = 2): LooJudgement[] {
  const problems: string[] = [];
  const byKey = new Map<string, { j: LooJudgement; at: number }>();
  rows.forEach((raw, i) => {
    const at = i + firstRow;
    const r = rowSchema.safeParse(raw);
    if (!r.success) {
      problems.push(`row ${at}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join(', ')}`);
      return;
    }
    const v = r.data;
    const j: LooJudgement = {
      attribute: v.attribute,
      unit: v.pair - 1,
      personaId: v.persona_id,
      questionId: v.question_id,
      judge: v.judge,
      choice: v.choice,
    };
    const key = `${j.attribute}\u0000${j.unit}\u0000${j.questionId}\u0000${j.judge}`;
    const before = byKey.get(key);
    if (before && before.j.choice !== j.choice)
      problems.push(
        `row ${at}: the ${j.judge} judge of ${j.attribute} pair ${v.pair}, question ${j.questionId} chose "${j.choice ?? ''}" but "${before.j.choice ?? ''}" on row ${before.at}`,
      );
    if (!before) byKey.set(key, { j, at });
  });
  if (rows.length === 0) problems.push('the file has no judgements');
  if (problems.length) throw new LooFileError(`the leave-one-out file has errors: ${problems.slice(0, 20).join('; ')}`);
  return [...byKey.values()].map((x) => x.j);
}
