/**
 * Which persona attributes the `summary` method's summaries keep and which they drop (PERSONA §5.3,
 * Figure 11). The paper asked GPT-4o-mini for the textual differences between each summary and its
 * persona and counted how often those differences held an attribute "or synonyms of those
 * attributes". Persona Lab counts directly, with no model call: an attribute is kept when the summary
 * names it (its key or a synonym) or repeats its value (at least half of the value's content words),
 * and dropped otherwise. The persona is read back from the "key: value" lines the model was shown.
 */
import { PERSONA_KEYS } from '../personas/schema';

/** One attribute over every summary whose persona has it. */
export interface AttributeTally {
  /** The attribute key, as the persona text names it. */
  readonly attribute: string;
  /** Summaries of personas that have the attribute. */
  readonly present: number;
  /** Of those, summaries that mention it. */
  readonly kept: number;
  /** Of those, summaries that leave it out. */
  readonly dropped: number;
  /** dropped / present. */
  readonly dropped_share: number;
}

/** Words (or word starts) that name each attribute in a summary. */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  age: ['age', 'aged', 'years old', 'year-old', 'young', 'elderly', 'senior', 'middle-aged', 'older adult'],
  sex: ['sex', 'gender', 'male', 'female', 'man', 'woman', 'men', 'women'],
  race: ['race', 'racial', 'ethnic'],
  ancestry: ['ancestry', 'ancestr', 'heritage', 'descent', 'roots'],
  'household language': ['language', 'bilingual', 'speaks'],
  education: ['education', 'educated', 'degree', 'school', 'college', 'universit', 'graduate'],
  'employment status': ['employ', 'unemploy', 'job', 'working', 'retired'],
  'class of worker': ['employer', 'self-employed', 'government', 'private sector', 'private company'],
  'industry category': ['industry', 'sector'],
  'occupation category': ['occupation', 'profession', 'career'],
  'detailed job description': ['job', 'role', 'duties', 'works as'],
  income: ['income', 'earn', 'salary', 'wage', 'financ', 'money', 'afford'],
  'marital status': ['married', 'marital', 'marriage', 'divorc', 'widow', 'single', 'spouse', 'husband', 'wife', 'separated'],
  'household type': ['household', 'lives alone', 'living alone', 'lives with'],
  'family presence and age': ['child', 'kids', 'famil', 'parent', 'son', 'daughter', 'grandchild'],
  'place of birth': ['born', 'birthplace', 'native', 'grew up'],
  citizenship: ['citizen', 'naturaliz', 'immigra'],
  'veteran status': ['veteran', 'military', 'served', 'army', 'navy', 'armed forces'],
  disability: ['disab'],
  'health insurance': ['insurance', 'insured', 'coverage', 'medicaid', 'medicare'],
  'big five scores': [
    'personality',
    'openness',
    'conscientious',
    'extravert',
    'extrovert',
    'introvert',
    'agreeable',
    'neurotic',
    'big five',
  ],
  'defining quirks': ['quirk', 'habit', 'eccentric'],
  mannerisms: ['manner', 'gesture'],
  'personal time': ['free time', 'spare time', 'hobb', 'leisure', 'weekend', 'pastime'],
  lifestyle: ['lifestyle', 'routine', 'way of life', 'daily life'],
  ideology: ['ideolog', 'liberal', 'conservative', 'progressive', 'libertarian', 'moderate'],
  'political views': ['politic', 'democrat', 'republican', 'independent', 'voter', 'party'],
  religion: ['religio', 'faith', 'church', 'christian', 'catholic', 'protestant', 'muslim', 'jewish', 'atheis', 'agnostic', 'spiritual'],
  'cognitive difficulty': ['cognitive', 'memory', 'concentrat'],
  'ability to speak english': ['english', 'fluen'],
  'vision difficulty': ['vision', 'sight', 'blind'],
  fertility: ['fertility', 'gave birth', 'pregnan'],
  'hearing difficulty': ['hearing', 'deaf'],
  'core values': ['values', 'principle', 'believe'],
};

const STOP = new Set(
  'the and for with from that this their they them about into over under than then when what which while who whom whose have has had not none some other more most very also only just such each both does doing being been were was are is its it'.split(
    ' ',
  ),
);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The attributes of a persona text ("key: value" lines; a line without ": " continues the previous value). */
export function personaAttributes(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of text.split('\n')) {
    const m = /^([a-z][a-z ]{1,40}):\s(.*)$/.exec(line.trim());
    if (m) out.push([m[1] as string, (m[2] as string).trim()]);
    else if (out.length && line.trim()) (out.at(-1) as [string, string])[1] += ` ${line.trim()}`;
  }
  return out;
}

/** Content words of a value (numbers kept; short and common words left out), cut to a stem of 6 letters. */
function contentWords(value: string): string[] {
  const words = value.toLowerCase().match(/[a-z0-9][a-z0-9'-]*/g) ?? [];
  return [...new Set(words.filter((w) => /^\d+$/.test(w) || (w.length >= 4 && !STOP.has(w))).map((w) => w.replace(/,/g, '').slice(0, 6)))];
}

/** Whether `summary` (lower case) mentions an attribute, by name or synonym, or by at least half of its value's content words. */
export function mentions(summary: string, key: string, value: string): boolean {
  const names = [key, ...(SYNONYMS[key] ?? [])];
  if (names.some((n) => new RegExp(`(?:^|[^a-z])${escape(n.toLowerCase())}`).test(summary))) return true;
  const words = contentWords(value.replace(/\$([\d,]+)/g, (_, d: string) => d.replace(/,/g, '')));
  if (!words.length) return false;
  const found = words.filter((w) => new RegExp(`(?:^|[^a-z0-9])${escape(w)}`).test(summary)).length;
  return found >= Math.ceil(words.length / 2);
}

/** Tallies kept and dropped attributes over summaries. */
export class SummaryAttributes {
  readonly #counts = new Map<string, { present: number; kept: number }>();

  /** Counts one summary of the persona with this text. */
  add(personaText: string, summary: string): void {
    const s = summary.toLowerCase();
    for (const [key, value] of personaAttributes(personaText)) {
      const c = this.#counts.get(key) ?? { present: 0, kept: 0 };
      c.present++;
      if (mentions(s, key, value)) c.kept++;
      this.#counts.set(key, c);
    }
  }

  /** The tallies: PERSONA's attributes in their order, then any other keys in the order first seen. */
  finish(): AttributeTally[] {
    const order = [
      ...PERSONA_KEYS.filter((k) => this.#counts.has(k)),
      ...[...this.#counts.keys()].filter((k) => !(PERSONA_KEYS as readonly string[]).includes(k)),
    ];
    return order.map((attribute) => {
      const c = this.#counts.get(attribute) as { present: number; kept: number };
      return { attribute, present: c.present, kept: c.kept, dropped: c.present - c.kept, dropped_share: (c.present - c.kept) / c.present };
    });
  }
}
