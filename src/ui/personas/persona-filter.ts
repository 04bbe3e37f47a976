/** Searching and filtering a persona set in the browser list (pure, so it is unit-tested). */
import type { Persona } from '../../core/personas/schema';
import { personaLabel } from '../../core/personas/label';
import { hasWords, queryWords } from '../../core/personas/search';

export { searchIndex } from '../../core/personas/search';

/** The list's filters. */
export interface PersonaFilter {
  /** Words that must all appear somewhere in the persona (case-insensitive). */
  readonly query: string;
  /** "all", "train" or "test". */
  readonly split: 'all' | 'train' | 'test';
  /** "all" or a sex label. */
  readonly sex: string;
  /** Youngest age shown. */
  readonly minAge: number;
  /** Oldest age shown. */
  readonly maxAge: number;
}

/** No filtering. */
export const NO_FILTER: PersonaFilter = { query: '', split: 'all', sex: 'all', minAge: 0, maxAge: 120 };

/** The indices of the personas that pass the filter, in order. */
export function filterPersonas(personas: readonly Persona[], index: readonly string[], f: PersonaFilter): number[] {
  const words = queryWords(f.query);
  const out: number[] = [];
  personas.forEach((p, i) => {
    if (f.split !== 'all' && p.split !== f.split) return;
    if (f.sex !== 'all' && p.sex !== f.sex) return;
    const age = typeof p.age === 'number' ? p.age : -1;
    if (age < f.minAge || age > f.maxAge) return;
    if (hasWords(index[i] ?? '', words)) out.push(i);
  });
  return out;
}

/** The short line a persona gets in the list: who they are (`personaLabel`), then sex and race. */
export function personaSummary(p: Persona): string {
  return [personaLabel(p), p.sex, p.race].filter((x) => x !== null && x !== '').join(' · ');
}
