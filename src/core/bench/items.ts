/**
 * Choosing a bench's items (persona × prompt). By default every persona of the test split gets
 * `perPersona` held-out prompts, drawn without replacement from its own fork of the seeded stream (so
 * adding a persona never changes another's prompts). The paper's design instead takes N distinct
 * prompts, each with a persona drawn with the seed. Prompts without a split are split by topic with the
 * seed first, as runs do.
 */
import type { RunPersona } from '../pipeline/config';
import { Rng } from '../random';
import { splitByTopic } from '../prompts/split';
import type { PromptItem } from '../prompts/types';
import type { BenchSelection } from './config';
import type { BenchItem } from './records';

/** The chosen items with the personas and prompts they use. */
export interface Selection {
  /** Personas of some item, in input order. */
  readonly personas: RunPersona[];
  /** Prompts of some item, in input order, with their splits. */
  readonly prompts: PromptItem[];
  /** The items, in order. */
  readonly items: BenchItem[];
  /** What the selection could not meet (fewer prompts than asked, …). */
  readonly warnings: string[];
}

/** A selection that cannot be made; the message says what to change. */
export class SelectionError extends Error {
  override readonly name = 'SelectionError';
}

/** Chooses the items. Deterministic in the inputs, the selection and the seed. Throws a `SelectionError` when nothing can be chosen. */
export function selectItems(
  allPersonas: readonly RunPersona[],
  allPrompts: readonly PromptItem[],
  sel: BenchSelection,
  seed: number,
  heldoutFraction: number,
): Selection {
  const warnings: string[] = [];
  const split = allPrompts.every((p) => p.split) ? [...allPrompts] : splitByTopic(allPrompts, { seed, heldoutFraction });
  let personas = sel.personaSplit === 'all' ? [...allPersonas] : allPersonas.filter((p) => p.split === sel.personaSplit);
  if (!personas.length) {
    const splits = [...new Set(allPersonas.map((p) => p.split ?? 'none'))].join(', ');
    throw new SelectionError(
      `No persona of the ${sel.personaSplit} split among ${allPersonas.length} (their splits: ${splits}); choose another persona split or "all".`,
    );
  }
  if (sel.maxPersonas !== undefined && personas.length > sel.maxPersonas) personas = personas.slice(0, sel.maxPersonas);
  const prompts = sel.promptSplit === 'all' ? split : split.filter((p) => p.split === sel.promptSplit);
  if (!prompts.length)
    throw new SelectionError(`No prompt of the ${sel.promptSplit} split among ${allPrompts.length}; choose another prompt split.`);
  const root = new Rng(`bench-items/${seed}`);
  const items: BenchItem[] = [];
  if (sel.items !== undefined) {
    if (sel.items > prompts.length)
      warnings.push(`The design wants ${sel.items} prompts but the ${sel.promptSplit} split has ${prompts.length}; using all of them.`);
    const chosen = root.fork('prompts').sample(prompts, Math.min(sel.items, prompts.length));
    const draw = root.fork('personas');
    for (const p of chosen) items.push({ personaId: (personas[draw.int(personas.length)] as RunPersona).id, promptId: p.id });
  } else {
    if (sel.perPersona > prompts.length)
      warnings.push(
        `Each persona wants ${sel.perPersona} prompts but the ${sel.promptSplit} split has ${prompts.length}; every persona gets all of them.`,
      );
    for (const persona of personas)
      for (const p of root.fork(persona.id).sample(prompts, Math.min(sel.perPersona, prompts.length)))
        items.push({ personaId: persona.id, promptId: p.id });
  }
  const usedPersonas = new Set(items.map((i) => i.personaId));
  const usedPrompts = new Set(items.map((i) => i.promptId));
  return {
    personas: allPersonas.filter((p) => usedPersonas.has(p.id)),
    prompts: split.filter((p) => usedPrompts.has(p.id)),
    items,
    warnings,
  };
}
