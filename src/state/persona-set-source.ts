/**
 * The persona source of generated and imported persona sets: one list per stored set, newest first
 * (ids "set:<set id>", so a persona's option id is "set:<set id>:<persona id>"). Listing reads only
 * the sets' rows; a set's personas are read when its list is loaded.
 */
import type { PersonaList, PersonaSource } from './persona-sources';

/** The id of a stored set's list. */
export function setListId(setId: string): string {
  return `set:${setId}`;
}

/** Lists every stored set (its personas load on demand). */
export const personaSetSource: PersonaSource = {
  id: 'persona-sets',
  lists: async (): Promise<PersonaList[]> => {
    const store = (await import('./app')).app().personaSetStore;
    return (await store.list()).map((set) => ({
      id: setListId(set.id),
      label: `Set: ${set.name}`,
      count: set.count,
      load: () => store.personas(set.id),
    }));
  },
};
