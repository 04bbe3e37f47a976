/**
 * Reading the CLI's input files: personas.jsonl (as the `personas` command writes it: one persona
 * record per line) and prompts.jsonl (one object per line with "text" and optional "id", "topic",
 * "split"). Problems name the file and line; a file with nothing usable is an error.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { toRunPersona, type RunPersona } from '../../core/pipeline/config';
import { renderPersona } from '../../core/personas/render';
import { personaSchema, PERSONA_KEYS, type PersonaAttributes } from '../../core/personas/schema';
import { readPromptsJsonl, type PromptImport } from '../../core/prompts/importers';

/** Reads a whole file, with a message naming it when it cannot be read. */
export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`Cannot read the ${what} file ${path}${code === 'ENOENT' ? ': it does not exist' : `: ${(e as Error).message}`}.`);
  }
}

/** Personas read from JSONL, and problems. */
export interface PersonasFile {
  /** The personas, in file order, duplicates (same id) dropped. */
  readonly personas: RunPersona[];
  /** One message per unusable line (at most 50). */
  readonly problems: string[];
}

/**
 * Reads personas.jsonl. A line that passes the persona schema is rendered with every attribute; a
 * looser object with an "id" and some persona attributes is rendered from those it has.
 */
export function readPersonasJsonl(path: string): PersonasFile {
  const name = basename(path);
  const personas: RunPersona[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const problem = (line: number, what: string) => void (problems.length < 50 && problems.push(`${name} line ${line}: ${what}`));
  readText(path, 'personas').split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return problem(i + 1, 'not JSON');
    }
    const strict = personaSchema.safeParse(value);
    let persona: RunPersona | undefined;
    if (strict.success) persona = toRunPersona(strict.data as Parameters<typeof toRunPersona>[0]);
    else if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') {
      const rec = value as Partial<PersonaAttributes> & { id: string; split?: unknown };
      const text = renderPersona(rec);
      if (!text) return problem(i + 1, `no persona attribute (expected keys such as ${PERSONA_KEYS.slice(0, 3).join(', ')})`);
      persona = { id: rec.id, text, ...(rec.split === 'train' || rec.split === 'test' ? { split: rec.split } : {}) };
    } else return problem(i + 1, 'not a persona (no "id")');
    if (seen.has(persona.id)) return problem(i + 1, `duplicate persona id "${persona.id}"`);
    seen.add(persona.id);
    personas.push(persona);
  });
  if (personas.length === 0) throw new Error(`${name}: no persona could be read.${problems[0] ? ` First problem: ${problems[0]}` : ' The file is empty.'}`);
  return { personas, problems };
}

/** Reads prompts.jsonl (see `readPromptsJsonl`). */
export function readPromptsFile(path: string): PromptImport {
  return readPromptsJsonl(readText(path, 'prompts'), basename(path));
}
