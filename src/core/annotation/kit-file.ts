/**
 * A kit file someone else made, read as one JSON document by the record reader (BOM stripped,
 * a syntax error named by line and column) and validated with `kitSchema`; every problem names
 * the file and the field.
 */
import { checkValue } from '../records/check';
import { readJsonDocument } from '../records/json-text';
import { ProblemLog, type ProblemList } from '../records/problems';
import { KIT_FORMAT, kitSchema, type AnnotationKit } from './kit';

/** Reads a kit file's text; the kit, or the problems it is refused for. */
export function readKitFile(name: string, text: string): { ok: true; kit: AnnotationKit } | ({ ok: false } & ProblemList) {
  const log = new ProblemLog(name);
  const doc = readJsonDocument(text, log);
  if (!doc.ok) return { ok: false, ...log.list() };
  const raw = doc.value as { format?: unknown } | null;
  if (!raw || typeof raw !== 'object' || raw.format !== KIT_FORMAT) {
    log.add(undefined, `not an annotation kit (its "format" is not "${KIT_FORMAT}")`, 'format');
    return { ok: false, ...log.list() };
  }
  const kit = checkValue(kitSchema, raw, undefined, log);
  return kit ? { ok: true, kit } : { ok: false, ...log.list() };
}
