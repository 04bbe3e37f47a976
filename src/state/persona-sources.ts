/**
 * Where the chat's (and a run's) personas come from. A source offers lists of personas: the
 * built-in examples, each stored persona set. Listing them is cheap (a name and a count); a list's
 * personas are loaded only when it is chosen, so a 100,000-persona set costs nothing until then.
 * Later capabilities add their sources here (one line).
 */
import type { Persona } from '../core/personas/schema';
import { personaSetSource } from './persona-set-source';

/** One list of personas, such as the examples or one stored set. */
export interface PersonaList {
  /** Stable id, the prefix of its personas' option ids ("example", "set:<set id>"). */
  readonly id: string;
  /** Its name in menus ("Examples", "Set: <name>"). */
  readonly label: string;
  /** How many personas it holds (known without loading them). */
  readonly count: number;
  /** Loads its personas (may read the database). */
  load(): Promise<readonly Persona[]>;
}

/** A place personas come from. */
export interface PersonaSource {
  /** Stable id. */
  readonly id: string;
  /** The lists it offers now (no persona loaded). */
  lists(): Promise<readonly PersonaList[]>;
}

/** The built-in examples (PERSONA's Appendix C and three more). */
export const examplesSource: PersonaSource = {
  id: 'examples',
  lists: async () => {
    const { EXAMPLE_PERSONAS } = await import('../core/personas/examples');
    return [{ id: 'example', label: 'Examples', count: EXAMPLE_PERSONAS.length, load: async () => EXAMPLE_PERSONAS }];
  },
};

/** The famous people of WikiPersonas and the user's own (src/core/wiki/famous.ts). */
const famousSource: PersonaSource = {
  id: 'famous',
  lists: async () => {
    const [{ FAMOUS_PEOPLE, famousAsPersona }, { app }] = await Promise.all([import('../core/wiki/famous'), import('./app')]);
    const own = await app().wikiStore.listPeople();
    const people = [...FAMOUS_PEOPLE, ...own];
    return [{ id: 'famous', label: 'Famous people (WikiPersonas)', count: people.length, load: async () => people.map(famousAsPersona) }];
  },
};

/** Every source, in the order menus list them. */
const PERSONA_SOURCES: readonly PersonaSource[] = [examplesSource, personaSetSource, famousSource];

/** Every list of every source; a source that fails is skipped and named in `failed`. */
export async function listPersonaLists(
  sources: readonly PersonaSource[] = PERSONA_SOURCES,
): Promise<{ lists: PersonaList[]; failed: string[] }> {
  const results = await Promise.allSettled(sources.map((s) => s.lists()));
  const lists: PersonaList[] = [];
  const failed: string[] = [];
  results.forEach((r, i) => (r.status === 'fulfilled' ? lists.push(...r.value) : failed.push(sources[i]!.id)));
  return { lists, failed };
}
