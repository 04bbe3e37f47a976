/**
 * A kit made from a pipeline run's pairs, sized like PERSONA's human study (§4.2.1: 20 personas,
 * 10 questions each, 4 annotators per persona): personas with enough finished pairs are drawn by
 * the seed, then questions within each. Response a is the base answer y_l, b the revision y_w, and
 * pair ids are the run's, so the run's judges can be compared with the people on the same pairs.
 */
import type { PairView } from '../pipeline/pairs';
import { Rng } from '../random';
import type { KitDraft, KitItem } from './kit';

/** Options of the draw. */
export interface KitFromRunOptions {
  /** Title shown to annotators. */
  readonly title: string;
  /** Personas in the kit (paper: 20). */
  readonly personas: number;
  /** Questions per persona (paper: 10). */
  readonly perPersona: number;
  /** Seed of the draw. */
  readonly seed: string;
  /** Creation time (ISO). */
  readonly createdAt: string;
}

/** The draft, and how many personas had enough finished pairs. */
export function kitDraftFromPairs(pairs: readonly PairView[], o: KitFromRunOptions): { draft: KitDraft; eligible: number } {
  const byPersona = new Map<string, PairView[]>();
  for (const p of pairs) {
    if (p.yl === undefined || p.yw === undefined || !p.prompt || !p.persona) continue;
    (byPersona.get(p.personaId) ?? byPersona.set(p.personaId, []).get(p.personaId)!).push(p);
  }
  const eligible = [...byPersona]
    .filter(([, list]) => list.length >= o.perPersona)
    .map(([id]) => id)
    .sort();
  const rng = new Rng(o.seed);
  const chosen = rng.sample(eligible, o.personas).sort();
  const items: KitItem[] = [];
  const personas = chosen.map((id) => {
    const list = byPersona.get(id)!;
    for (const p of rng.fork(id).sample(list, o.perPersona)) {
      items.push({ pairId: p.id, personaId: id, question: p.prompt, responseA: p.yl!, responseB: p.yw! });
    }
    return { id, description: list[0]!.persona };
  });
  return { draft: { title: o.title, createdAt: o.createdAt, seed: o.seed, personas, items }, eligible: eligible.length };
}
