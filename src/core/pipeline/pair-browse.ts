/**
 * The pairs view's logic (like LLM Comparator): a run's pairs filtered by persona attribute, topic,
 * split, status and verdict, searched in their texts, and the judges' y_w win rates per topic and per
 * persona attribute. Persona attributes come from the text the models saw ("key: value" lines);
 * ages and incomes are grouped into bands so a slice holds more than one person.
 */
import { attributesFromText } from '../personas/label';
import { readableValue } from '../personas/readable';
import type { PersonaKey } from '../personas/schema';
import type { JudgeOutcome, PairView } from './pairs';

/** A persona's attributes as the pairs view groups them: key → readable value (bands for age and income). */
export type PersonaSlices = ReadonlyMap<string, string>;

/** Age bands, as in most survey reports. */
function ageBand(v: string): string {
  const n = Number(v);
  if (!Number.isFinite(n)) return v;
  if (n < 18) return 'under 18';
  if (n < 30) return '18–29';
  if (n < 45) return '30–44';
  if (n < 65) return '45–64';
  return '65 and over';
}

/** Income bands (US dollars a year). */
function incomeBand(v: string): string {
  const n = Number(v.replace(/[$,\s]/g, ''));
  if (v.trim() === '' || !Number.isFinite(n)) return v;
  if (n < 25_000) return 'under $25k';
  if (n < 50_000) return '$25k–50k';
  if (n < 100_000) return '$50k–100k';
  return '$100k and over';
}

/** Keys never offered as slices: free text that is different for everyone. */
const FREE_TEXT = new Set([
  'detailed job description',
  'big five scores',
  'defining quirks',
  'mannerisms',
  'personal time',
  'lifestyle',
  'core values',
]);

/** The slices of one persona from the text the models saw. */
export function personaSlices(text: string): PersonaSlices {
  const out = new Map<string, string>();
  for (const [key, raw] of Object.entries(attributesFromText(text))) {
    if (FREE_TEXT.has(key) || raw === undefined || raw === null || raw === '') continue;
    const value = String(raw);
    out.set(key, key === 'age' ? ageBand(value) : key === 'income' ? incomeBand(value) : readableValue(key as PersonaKey, value));
  }
  return out;
}

/** The slices of every persona in a run's pairs, parsed once per persona. */
export function slicesByPersona(pairs: readonly PairView[]): Map<string, PersonaSlices> {
  const out = new Map<string, PersonaSlices>();
  for (const p of pairs) if (!out.has(p.personaId)) out.set(p.personaId, personaSlices(p.persona));
  return out;
}

/** Attribute keys worth filtering by (2 to `maxValues` distinct values), with their values sorted. */
export function sliceOptions(slices: ReadonlyMap<string, PersonaSlices>, maxValues = 40): { key: string; values: string[] }[] {
  const values = new Map<string, Set<string>>();
  for (const s of slices.values()) for (const [k, v] of s) (values.get(k) ?? values.set(k, new Set()).get(k)!).add(v);
  return [...values]
    .filter(([, vs]) => vs.size >= 2 && vs.size <= maxValues)
    .map(([key, vs]) => ({ key, values: [...vs].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })) }));
}

/** What the status/verdict filter can ask for: a status, or one judge's outcome over both orders. */
type VerdictFilter = '' | 'done' | 'failed' | 'pending' | JudgeOutcome;

/** The pairs view's filters; empty string means any. */
export interface PairQuery {
  /** Persona id. */
  persona: string;
  /** Persona attribute key to slice by ("" for none). */
  attribute: string;
  /** The attribute's value (readable, banded). */
  value: string;
  /** Topic id. */
  topic: string;
  /** Split. */
  split: string;
  /** Status or verdict. */
  verdict: VerdictFilter;
  /** Which judge the verdict filter and the win rates read (index in the run's config). */
  judge: number;
  /** Words searched for in the prompt, y_l, y_w, the critique, the judges' reasons and the persona (case-insensitive). */
  search: string;
}

/** A query that lets every pair through. */
export function emptyQuery(): PairQuery {
  return { persona: '', attribute: '', value: '', topic: '', split: '', verdict: '', judge: 0, search: '' };
}

/** Every text of a pair the search looks in, lower-cased. */
function haystack(p: PairView): string {
  const reasons = p.verdicts.flatMap((v) => [v.wl?.reason ?? '', v.lw?.reason ?? '']);
  return [p.prompt, p.yl ?? '', p.yw ?? '', p.critique?.evaluation ?? '', p.critique?.suggestions ?? '', p.persona, ...reasons]
    .join('\n')
    .toLowerCase();
}

/** Whether a pair passes the query; `slices` holds each persona's attributes. Every search word must occur. */
function pairMatches(p: PairView, q: PairQuery, slices: ReadonlyMap<string, PersonaSlices>): boolean {
  if (q.persona && p.personaId !== q.persona) return false;
  if (q.topic && p.topic !== q.topic) return false;
  if (q.split && p.split !== q.split) return false;
  if (q.attribute && q.value && slices.get(p.personaId)?.get(q.attribute) !== q.value) return false;
  switch (q.verdict) {
    case '':
      break;
    case 'done':
    case 'failed':
      if (p.status !== q.verdict) return false;
      break;
    case 'pending':
      if (p.status !== 'pending' && p.status !== 'waiting') return false;
      break;
    default:
      if (p.verdicts[q.judge]?.outcome !== q.verdict) return false;
  }
  const words = q.search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length) {
    const text = haystack(p);
    if (!words.every((w) => text.includes(w))) return false;
  }
  return true;
}

/** The pairs passing a query, in their order. */
export function filterPairs(pairs: readonly PairView[], q: PairQuery, slices: ReadonlyMap<string, PersonaSlices>): PairView[] {
  return pairs.filter((p) => pairMatches(p, q, slices));
}

/** One row of a win-rate table: a slice (a topic, or an attribute's value) and how often one judge chose y_w in it. */
export interface WinRateRow {
  /** The slice's name (topic id, or the attribute's readable value). */
  readonly group: string;
  /** Pairs in the slice. */
  readonly pairs: number;
  /** Verdicts in the slice (both orders counted). */
  readonly verdicts: number;
  /** Verdicts that chose y_w. */
  readonly ywWins: number;
  /** ywWins / verdicts; undefined with no verdict. */
  readonly rate?: number;
  /** Pairs where both orders chose y_w / y_l / disagreed. */
  readonly outcomes: { readonly yw: number; readonly yl: number; readonly disagree: number };
}

/** One judge's y_w win rate per group (`groupOf` names a pair's group; undefined leaves it out), groups sorted by name. */
export function winRates(pairs: readonly PairView[], judge: number, groupOf: (p: PairView) => string | undefined): WinRateRow[] {
  const rows = new Map<string, { pairs: number; verdicts: number; ywWins: number; yw: number; yl: number; disagree: number }>();
  for (const p of pairs) {
    const g = groupOf(p);
    if (g === undefined) continue;
    const r = rows.get(g) ?? rows.set(g, { pairs: 0, verdicts: 0, ywWins: 0, yw: 0, yl: 0, disagree: 0 }).get(g)!;
    r.pairs++;
    const v = p.verdicts[judge];
    if (!v) continue;
    for (const x of [v.wl, v.lw])
      if (x) {
        r.verdicts++;
        if (x.winner === 'yw') r.ywWins++;
      }
    if (v.outcome !== 'incomplete') r[v.outcome]++;
  }
  return [...rows]
    .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
    .map(([group, r]) => ({
      group,
      pairs: r.pairs,
      verdicts: r.verdicts,
      ywWins: r.ywWins,
      ...(r.verdicts ? { rate: r.ywWins / r.verdicts } : {}),
      outcomes: { yw: r.yw, yl: r.yl, disagree: r.disagree },
    }));
}
