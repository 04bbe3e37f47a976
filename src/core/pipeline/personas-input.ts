/**
 * Reading personas for a run (the CLI's `--personas`, the Runs page's persona file) through the
 * record reader, as the `personas` command and the persona-set export write them: a record that
 * passes the persona schema is rendered with every attribute; a looser object with an "id" and
 * some persona attributes is rendered from those it has. Either way every attribute present must
 * have its type (age and income whole numbers, the others text, null where it does not apply).
 * An unreadable record, an ill-typed field or a repeated id is a problem naming the file, line
 * and field, and that record is left out; a file with no usable persona is a `FileProblemsError`.
 */
import { renderPersona } from '../personas/render';
import { PERSONA_KEYS, personaSchema, type Persona, type PersonaAttributes } from '../personas/schema';
import { checkValue, IdTracker } from '../records/check';
import { FileProblemsError, type ProblemList } from '../records/problems';
import { readRecords, type RecordFile } from '../records/read';
import { runPersonaRecordSchema } from '../records/schemas';
import { toRunPersona, type RunPersona } from './config';

/** Personas read for a run, and the records that could not be used. */
export interface PersonasFile extends ProblemList {
  /** The personas, in file order. */
  readonly personas: RunPersona[];
}

/** Run personas from records read from a file; throws `FileProblemsError` when none could be used. */
export function runPersonasFromRecords(file: RecordFile): PersonasFile {
  const { log } = file;
  const personas: RunPersona[] = [];
  const ids = new IdTracker();
  for (const row of file.rows) {
    const strict = personaSchema.safeParse(row.value);
    let persona: RunPersona;
    if (strict.success) persona = toRunPersona(strict.data as Persona);
    else {
      const rec = checkValue(runPersonaRecordSchema, row.value, row.line, log);
      if (!rec) continue;
      const rendered = renderPersona(rec as Partial<PersonaAttributes>);
      if (!rendered) {
        log.add(row.line, `no persona attribute (expected keys such as ${PERSONA_KEYS.slice(0, 3).join(', ')})`);
        continue;
      }
      persona = { id: rec.id, text: rendered, ...(rec.split ? { split: rec.split } : {}) };
    }
    if (ids.repeated(persona.id, row.line, log)) continue;
    personas.push(persona);
  }
  if (personas.length === 0) {
    if (log.total === 0) log.add(undefined, 'the file holds no personas');
    throw new FileProblemsError(log.list());
  }
  return { personas, ...log.list() };
}

/** Reads a run's persona file (any format the record reader knows). */
export async function readRunPersonas(name: string, input: string | Uint8Array): Promise<PersonasFile> {
  return runPersonasFromRecords(await readRecords(name, input));
}
