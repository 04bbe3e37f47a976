/**
 * Word search over personas: every value of a persona (and its id) in one lower-case line, and the
 * personas whose line holds every word of a query. Used by the persona-set browser and the chat's
 * persona picker; pure, so it runs anywhere.
 */
import { PERSONA_KEYS, type Persona } from './schema';

/** One lower-case line per persona with its id and every value, for `matchWords`. */
export function searchIndex(personas: readonly Persona[]): string[] {
  return personas.map((p) => [p.id, ...PERSONA_KEYS.map((k) => p[k] ?? '')].join(' \u0001 ').toLowerCase());
}

/** The words of a query, lower-cased; none for a blank query. */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Whether an index line holds every word (true for no words). */
export function hasWords(line: string, words: readonly string[]): boolean {
  for (const w of words) if (!line.includes(w)) return false;
  return true;
}

/** The indices of the lines holding every word of `query`, in order (all of them for a blank query). */
export function matchWords(index: readonly string[], query: string): number[] {
  const words = queryWords(query);
  const out: number[] = [];
  index.forEach((line, i) => void (hasWords(line, words) && out.push(i)));
  return out;
}
