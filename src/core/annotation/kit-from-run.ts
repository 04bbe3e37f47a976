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
  /** Only pairs every judge of the run has judged in both orders (a kit whose answers are compared with the judges); default false. */
  readonly judgedOnly?: boolean;
  /** Instructions shown to the students; default the classroom wording. */
  readonly instructions?: string;
}

/** Whether a pair can go into a kit: every stage done (y_l and y_w made), and judged by every judge when asked. */
function kitUsable(p: PairView, judgedOnly = false): boolean {
  if (p.status !== 'done' || p.yl === undefined || p.yw === undefined || !p.prompt || !p.persona) return false;
  return !judgedOnly || (p.verdicts.length > 0 && p.verdicts.every((v) => v.outcome !== 'incomplete'));
}

/** What a run can give a kit: usable pairs per persona, largest first. */
export interface KitCapacity {
  /** Usable pairs in the run. */
  readonly pairs: number;
  /** Usable pairs of each persona that has any, largest first. */
  readonly perPersona: readonly number[];
  /** Whether only judged pairs counted. */
  readonly judgedOnly: boolean;
}

/** Counts a run's usable pairs per persona. */
export function kitCapacity(pairs: readonly PairView[], judgedOnly = false): KitCapacity {
  const counts = new Map<string, number>();
  for (const p of pairs) if (kitUsable(p, judgedOnly)) counts.set(p.personaId, (counts.get(p.personaId) ?? 0) + 1);
  const perPersona = [...counts.values()].sort((a, b) => b - a);
  return { pairs: perPersona.reduce((a, b) => a + b, 0), perPersona, judgedOnly };
}

/** How many personas have at least `perPersona` usable pairs. */
const personasWith = (c: KitCapacity, perPersona: number) => c.perPersona.filter((n) => n >= perPersona).length;

/** The largest kit like the paper's (20 personas × 10 questions) the run can give: both counts lowered until it fits. */
export function fittingKitSize(c: KitCapacity, want = { personas: 20, perPersona: 10 }): { personas: number; perPersona: number } {
  const perPersona = Math.max(1, Math.min(want.perPersona, c.perPersona[0] ?? 1));
  return { personas: Math.max(1, Math.min(want.personas, personasWith(c, perPersona))), perPersona };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Why a kit of this size cannot be drawn from the run, with what would make it work; null when it fits.
 * E.g. "This run has 8 personas with 4 finished pairs each at most; a kit of 20 personas × 10 questions
 * needs 20 personas with 10 each: lower the counts (at most 8 personas × 4 questions) or finish the run."
 */
export function kitFitProblem(c: KitCapacity, o: { personas: number; perPersona: number }): string | null {
  const what = c.judgedOnly ? 'finished and judged' : 'finished';
  if (!Number.isInteger(o.personas) || !Number.isInteger(o.perPersona) || o.personas < 1 || o.perPersona < 1)
    return 'The kit needs at least 1 persona and 1 question each (whole numbers).';
  if (c.pairs === 0)
    return `This run has no ${what} pairs yet: finish the run${c.judgedOnly ? ' (its judges too), or make a kit without verdicts' : ''} first.`;
  const have = personasWith(c, o.perPersona);
  if (have >= o.personas) return null;
  const best = fittingKitSize(c, o);
  const most = c.perPersona[0]!;
  return (
    `This run has ${plural(c.perPersona.length, 'persona')} with ${what} pairs (${most} each at most; ${plural(have, 'persona')} with ${o.perPersona}); ` +
    `a kit of ${plural(o.personas, 'persona')} × ${plural(o.perPersona, 'question')} needs ${o.personas} with ${o.perPersona} each: ` +
    `lower the counts (at most ${plural(best.personas, 'persona')} × ${plural(best.perPersona, 'question')}) or finish the run${c.judgedOnly ? ' and its judges' : ''}.`
  );
}

/** The draft, and how many personas had enough finished pairs. */
export function kitDraftFromPairs(pairs: readonly PairView[], o: KitFromRunOptions): { draft: KitDraft; eligible: number } {
  const byPersona = new Map<string, PairView[]>();
  for (const p of pairs) {
    if (!kitUsable(p, o.judgedOnly)) continue;
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
  const instructions = o.instructions !== undefined ? { instructions: o.instructions } : {};
  return { draft: { title: o.title, createdAt: o.createdAt, seed: o.seed, personas, items, ...instructions }, eligible: eligible.length };
}
