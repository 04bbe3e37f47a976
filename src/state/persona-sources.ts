/**
 * Where the chat's personas come from. Each source lists `PersonaOption`s; the chat shows them all,
 * grouped, and knows nothing else about them. Later capabilities add their sources here (one line).
 */
import type { PersonaOption } from '../core/chat/persona-option';
import { personaSetSource } from './persona-set-source';

/** A list of personas from one place. */
export interface PersonaSource {
  /** Stable id. */
  readonly id: string;
  /** Lists the personas (may read the database). */
  list(): Promise<readonly PersonaOption[]>;
}

/** Every source, in the order the picker lists them. */
export const PERSONA_SOURCES: readonly PersonaSource[] = [
  {
    id: 'examples',
    list: async () => {
      const [{ EXAMPLE_PERSONAS }, { optionFromPersona }] = await Promise.all([import('../core/personas/examples'), import('../core/chat/persona-option')]);
      return EXAMPLE_PERSONAS.map((p) => optionFromPersona(p, 'Examples', 'example'));
    },
  },
  personaSetSource,
];

/** Every persona of every source; a source that fails is skipped and named in `failed`. */
export async function listPersonas(sources: readonly PersonaSource[] = PERSONA_SOURCES): Promise<{ personas: PersonaOption[]; failed: string[] }> {
  const results = await Promise.allSettled(sources.map((s) => s.list()));
  const personas: PersonaOption[] = [];
  const failed: string[] = [];
  results.forEach((r, i) => (r.status === 'fulfilled' ? personas.push(...r.value) : failed.push(sources[i]!.id)));
  return { personas, failed };
}
