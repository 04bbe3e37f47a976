/**
 * Census labels in words a reader (and a model) reads as meant. The persona record keeps the PUMS
 * dictionary label (exports and imports stay exact for researchers); the text a model sees
 * (`renderPersona`) and the labels people read use these forms:
 * - occupation: "MED-Registered Nurses" → "Registered nurse", "LGL-Lawyers, And Judges, …" →
 *   "Lawyer, judge, magistrate, or other judicial worker" (group prefix dropped, sentence case,
 *   the head nouns in the singular);
 * - industry: "MED-General Medical And Surgical Hospitals, …" → "General medical and surgical
 *   hospitals, …" (prefix dropped, sentence case);
 * - education below a diploma: "Grade 7" → "Completed grade 7" (PUMS records the last grade
 *   completed, not the one attended);
 * - fertility: "Yes" / "No" → "Gave birth in the past 12 months" / "No birth in the past 12 months"
 *   (what PUMS asks: FER, women 15-50).
 */
import type { PersonaKey } from './schema';

const PREFIX = /^[A-Z]{3}-/;
/** Words that end in "s" without being plurals of a person (kept as they are). */
const NOT_PLURAL = new Set([
  'sales',
  'services',
  'products',
  'goods',
  'materials',
  'systems',
  'operations',
  'relations',
  'arts',
  'analysis',
  'communications',
  'sciences',
  'affairs',
  'logistics',
  'economics',
  'mathematics',
  'works',
  'occupations',
  'records',
  'parts',
  'glass',
  'business',
  'press',
  'gas',
  'wells',
  'lines',
  'machines',
  'tools',
  'vehicles',
  'equipment',
  'buildings',
  'grounds',
  'forests',
  'fisheries',
  'programs',
  'plants',
  'trades',
  'securities',
  'commodities',
  'sports',
  'activities',
  'resources',
  'arts',
]);
const IRREGULAR: Readonly<Record<string, string>> = { midwives: 'midwife', clergy: 'clergy', people: 'person', women: 'woman', men: 'man' };

/** The singular of a plural noun naming people ("Nurses" → "Nurses" minus s); other words unchanged. */
function singular(word: string): string {
  const lower = word.toLowerCase();
  if (IRREGULAR[lower]) return IRREGULAR[lower]!;
  if (NOT_PLURAL.has(lower) || !lower.endsWith('s') || lower.endsWith('ss') || lower.length < 4) return word;
  if (lower.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (/(ss|sh|ch|x)es$/.test(lower)) return word.slice(0, -2);
  return word.slice(0, -1);
}

/** Lower-cases a word unless it is an acronym or holds capitals after the first letter (HVAC, U.S.). */
const lowerWord = (w: string) => (/^[A-Z][a-z'’]*(-[A-Z]?[a-z'’]*)*$/.test(w) ? w.toLowerCase() : w);

/** Sentence case: the first letter capital, the other words lower-cased. */
function sentence(text: string): string {
  const out = text.replace(/[A-Za-z][A-Za-z'’.-]*/g, lowerWord);
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/** An industry label in words: "MED-General Medical And Surgical Hospitals" → "General medical and surgical hospitals". */
export function readableIndustry(label: string): string {
  // Military branches are names ("U.S. Army"): only the prefix goes.
  return label.startsWith('MIL-') ? label.slice(4) : sentence(label.replace(PREFIX, ''));
}

/**
 * An occupation label in words, singular: the head noun (last word) of each part in the singular,
 * and "and" after a part put in the singular becomes "or" ("Chief executive or legislator"; but
 * "Public relations and fundraising manager"). Qualifiers after "Except", "Including", "Of", ", All
 * Other" keep their words.
 */
export function readableOccupation(label: string): string {
  const text = label.replace(PREFIX, '').replace(/^Helpers--/, 'Helpers, ');
  const q = /,? (Except|Including|Of)\b.*$|, (All Other|Hand|General)$/i.exec(text);
  const head = q ? text.slice(0, q.index) : text;
  const tail = q ? q[0] : '';
  const parts = head.split(/(,\s*(?:And |Or )?|\s+(?:And|and|Or)\s+)/);
  let changed = false;
  let last = -1;
  parts.forEach((part, i) => {
    if (i % 2 === 1 && part.startsWith(',')) last = i;
  });
  const out = parts.map((part, i) => {
    // A list's inner ", And" reads as a plain comma ("Lawyer, judge, magistrate, or …").
    if (i % 2 === 1 && i < last && /^,\s*(And|Or) $/.test(part)) return ', ';
    if (i % 2 === 1) return changed ? part.replace(/\b(And|and)\b/, 'or') : part;
    const m = /(\S+)(\s*)$/.exec(part);
    if (!m) return part;
    const one = singular(m[1]!);
    changed = one !== m[1];
    return part.slice(0, m.index) + one + m[2];
  });
  return sentence(out.join('') + tail);
}

/** An education label as what it records: grades below a diploma are grades completed. */
function readableEducation(label: string): string {
  if (/^Grade \d+$/.test(label)) return `Completed ${label.toLowerCase()}`;
  if (label === 'Kindergarten') return 'Completed kindergarten';
  if (label === 'Nursery school, preschool') return 'Completed preschool';
  if (label === '12th grade - no diploma') return 'Completed 12th grade, no diploma';
  return label;
}

/** A fertility answer as what PUMS asks (FER: gave birth within the past 12 months). */
function readableFertility(value: string): string {
  return value === 'Yes' ? 'Gave birth in the past 12 months' : value === 'No' ? 'No birth in the past 12 months' : value;
}

/** A persona value in the words a reader should see (the record keeps the PUMS label). */
export function readableValue(key: PersonaKey, value: string): string {
  switch (key) {
    case 'occupation category':
      return PREFIX.test(value) ? readableOccupation(value) : value;
    case 'industry category':
      return PREFIX.test(value) ? readableIndustry(value) : value;
    case 'education':
      return readableEducation(value);
    case 'fertility':
      return readableFertility(value);
    default:
      return value;
  }
}
