/**
 * A teacher's pairs file, turned into a kit draft: one record per preference pair with fields
 * pair_id, persona_id, persona (the description the annotator role-plays), question, response_a,
 * response_b. The record reader reads it (CSV, JSON lines, a JSON array or Parquet); every problem
 * names the file, line and field, and a file with any problem makes no kit.
 */
import { checkRows, IdTracker } from '../records/check';
import { FileProblemsError } from '../records/problems';
import { readRecords, type RecordFile } from '../records/read';
import { kitPairRowSchema } from '../records/schemas';
import type { KitDraft, KitItem } from './kit';

/** Records of a pairs file → a kit draft; throws `FileProblemsError` listing every problem. */
function kitDraftFromRecords(file: RecordFile, title: string, createdAt: string): KitDraft {
  const { log } = file;
  const personas = new Map<string, { description: string; line: number }>();
  const items: KitItem[] = [];
  const pairIds = new IdTracker();
  for (const { line, value: v } of checkRows(kitPairRowSchema, file.rows, log)) {
    const known = personas.get(v.persona_id);
    if (known === undefined) personas.set(v.persona_id, { description: v.persona, line });
    else if (known.description !== v.persona)
      log.add(line, `persona "${v.persona_id}" is described differently than on ${log.unit} ${known.line}`, 'persona');
    if (pairIds.repeated(v.pair_id, line, log, 'pair_id', 'pair')) continue;
    items.push({ pairId: v.pair_id, personaId: v.persona_id, question: v.question, responseA: v.response_a, responseB: v.response_b });
  }
  if (log.total === 0 && items.length === 0) log.add(undefined, 'the file has no pairs');
  if (log.total) throw new FileProblemsError(log.list());
  return { title, createdAt, personas: [...personas].map(([id, p]) => ({ id, description: p.description })), items };
}

/** Reads a pairs file (any format the record reader knows) into a kit draft; throws `FileProblemsError`. */
export async function readKitPairsFile(name: string, input: string | Uint8Array, title: string, createdAt: string): Promise<KitDraft> {
  return kitDraftFromRecords(await readRecords(name, input), title, createdAt);
}
