/**
 * A teacher's pairs file, turned into a kit draft: one row per preference pair with columns
 * pair_id, persona_id, persona (the description the annotator role-plays), question, response_a,
 * response_b. Rows come from CSV (split by papaparse outside core) or JSONL. Every problem is named
 * by row.
 */
import { z } from 'zod';
import type { KitDraft, KitItem } from './kit';

const rowSchema = z.object({
  pair_id: z.coerce.string().trim().min(1, 'pair_id is empty'),
  persona_id: z.coerce.string().trim().min(1, 'persona_id is empty'),
  persona: z.string().trim().min(1, 'persona (the description) is empty'),
  question: z.string().trim().min(1, 'question is empty'),
  response_a: z.string().trim().min(1, 'response_a is empty'),
  response_b: z.string().trim().min(1, 'response_b is empty'),
});

/** A pairs file that cannot become a kit; the message lists the problems by row. */
export class PairsFileError extends Error {
  override readonly name = 'PairsFileError';
}

/** Rows (objects keyed by column) → a kit draft. `firstRow` is the number of the first data row (2 for CSV). */
export function kitDraftFromRows(rows: readonly Record<string, unknown>[], title: string, createdAt: string, firstRow = 2): KitDraft {
  const problems: string[] = [];
  const personas = new Map<string, string>();
  const items: KitItem[] = [];
  const seen = new Set<string>();
  rows.forEach((raw, i) => {
    const at = `row ${i + firstRow}`;
    const r = rowSchema.safeParse(raw);
    if (!r.success) {
      problems.push(`${at}: ${r.error.issues.map((x) => x.message).join(', ')}`);
      return;
    }
    const v = r.data;
    const known = personas.get(v.persona_id);
    if (known === undefined) personas.set(v.persona_id, v.persona);
    else if (known !== v.persona) problems.push(`${at}: persona "${v.persona_id}" is described differently than on an earlier row`);
    if (seen.has(v.pair_id)) problems.push(`${at}: pair "${v.pair_id}" appears twice`);
    seen.add(v.pair_id);
    items.push({ pairId: v.pair_id, personaId: v.persona_id, question: v.question, responseA: v.response_a, responseB: v.response_b });
  });
  if (rows.length === 0) problems.push('the file has no pairs');
  if (problems.length) throw new PairsFileError(`the pairs file has errors: ${problems.slice(0, 20).join('; ')}`);
  return { title, createdAt, personas: [...personas].map(([id, description]) => ({ id, description })), items };
}

/** Splits JSONL into row objects; throws PairsFileError naming a bad line. */
export function jsonlRows(text: string): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const v: unknown = JSON.parse(line);
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
      rows.push(v as Record<string, unknown>);
    } catch {
      throw new PairsFileError(`line ${i + 1} is not a JSON object`);
    }
  });
  return rows;
}
