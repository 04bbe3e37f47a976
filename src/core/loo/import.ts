/**
 * Leave-one-out judgements from a file (CSV with a header, JSON lines, a JSON array or Parquet,
 * read by the record reader): columns attribute, pair (1-based), persona_id, question_id, judge
 * (without|with), choice (without|with, empty when the judge gave no usable answer). Judgements
 * made elsewhere (another tool, people) can be analysed and plotted here. Problems name the file,
 * line and field; the same judgement given twice differently is refused, never resolved silently.
 */
import { checkRows } from '../records/check';
import type { ProblemList } from '../records/problems';
import { readRecords, type RecordFile } from '../records/read';
import { looJudgementRowSchema } from '../records/schemas';
import type { LooJudgement } from './analysis';

/** Judgements read from a file, or the file's problems (nothing is half-imported). */
export type LooFileResult = { readonly ok: true; readonly judgements: LooJudgement[] } | ({ readonly ok: false } & ProblemList);

/** Checks records read from a judgements file (see `readLooFile`). */
function looJudgementsFromRecords(file: RecordFile): LooFileResult {
  const { log } = file;
  const byKey = new Map<string, { j: LooJudgement; line: number }>();
  for (const { line, value: v } of checkRows(looJudgementRowSchema, file.rows, log)) {
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
      log.add(
        line,
        `the ${j.judge} judge of ${j.attribute} pair ${v.pair}, question ${j.questionId} chose "${j.choice ?? ''}" but "${before.j.choice ?? ''}" on ${log.unit} ${before.line}`,
        'choice',
      );
    if (!before) byKey.set(key, { j, line });
  }
  if (log.total === 0 && byKey.size === 0) log.add(undefined, 'the file has no judgements');
  return log.total ? { ok: false, ...log.list() } : { ok: true, judgements: [...byKey.values()].map((x) => x.j) };
}

/** Reads a leave-one-out judgements file in any format the record reader knows. */
export async function readLooFile(name: string, input: string | Uint8Array): Promise<LooFileResult> {
  return looJudgementsFromRecords(await readRecords(name, input));
}
