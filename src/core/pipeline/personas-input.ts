/**
 * Reading personas for a run from JSONL, as the `personas` command and the persona-set export write
 * it: a line that passes the persona schema is rendered with every attribute; a looser object with
 * an "id" and some persona attributes is rendered from those it has. Problems name the line.
 */
import { renderPersona } from '../personas/render';
import { PERSONA_KEYS, personaSchema, type Persona, type PersonaAttributes } from '../personas/schema';
import { toRunPersona, type RunPersona } from './config';

/** Personas read from JSONL, and problems. */
export interface PersonasFile {
  /** The personas, in file order, duplicates (same id) dropped. */
  readonly personas: RunPersona[];
  /** One message per unusable line (at most 50). */
  readonly problems: string[];
}

/** Reads personas JSONL; throws when no line gives a persona. */
export function parsePersonasJsonl(text: string, name: string): PersonasFile {
  const personas: RunPersona[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const problem = (line: number, what: string) => void (problems.length < 50 && problems.push(`${name} line ${line}: ${what}`));
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return problem(i + 1, 'not JSON');
    }
    const strict = personaSchema.safeParse(value);
    let persona: RunPersona;
    if (strict.success) persona = toRunPersona(strict.data as Persona);
    else if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') {
      const rec = value as Partial<PersonaAttributes> & { id: string; split?: unknown };
      const rendered = renderPersona(rec);
      if (!rendered) return problem(i + 1, `no persona attribute (expected keys such as ${PERSONA_KEYS.slice(0, 3).join(', ')})`);
      persona = { id: rec.id, text: rendered, ...(rec.split === 'train' || rec.split === 'test' ? { split: rec.split } : {}) };
    } else return problem(i + 1, 'not a persona (no "id")');
    if (seen.has(persona.id)) return problem(i + 1, `duplicate persona id "${persona.id}"`);
    seen.add(persona.id);
    personas.push(persona);
  });
  if (personas.length === 0)
    throw new Error(`${name}: no persona could be read.${problems[0] ? ` First problem: ${problems[0]}` : ' The file is empty.'}`);
  return { personas, problems };
}
