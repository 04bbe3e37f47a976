/**
 * The chat's persona source for generated and imported persona sets: every persona of every
 * stored set, grouped by set (foundation's `PersonaSource`, src/state/persona-sources.ts).
 */
import type { PersonaOption } from '../core/chat/persona-option';
import type { PersonaSource } from './persona-sources';

/** Lists the personas of every stored set, newest set first, as chat options ("set:<set id>:<persona id>"). */
export const personaSetSource: PersonaSource = {
  id: 'persona-sets',
  list: async (): Promise<PersonaOption[]> => {
    const [{ services }, { PersonaSetStore }, { optionFromPersona }] = await Promise.all([
      import('./services'),
      import('../db/persona-sets'),
      import('../core/chat/persona-option'),
    ]);
    const store = new PersonaSetStore(services().db);
    const out: PersonaOption[] = [];
    for (const set of await store.list()) {
      for (const p of await store.personas(set.id)) out.push(optionFromPersona(p, `Set: ${set.name}`, `set:${set.id}`));
    }
    return out;
  },
};
