/**
 * A persona named as a person for lists and cards: "Registered nurse, 34, New York" (what they do,
 * their age, where they were born), never a hex id or a census code. Works on a full record (census
 * labels such as "MED-Registered Nurses") and on a persona kept only as its rendered text (a run's
 * personas, a kit's descriptions: "key: value" lines, already in readable words). Exports keep the
 * raw values; this is only what people read.
 */
import { readableValue } from './readable';
import { PERSONA_KEYS, type AttributeValue, type PersonaKey } from './schema';

/** Any persona-like record: some of the attributes, and maybe an id (the fallback label). */
type Labelled = { readonly id?: string } & { readonly [K in PersonaKey]?: AttributeValue | undefined };

const usable = (v: AttributeValue | undefined): v is string | number =>
  v !== null && v !== undefined && v !== '' && !/^(not applicable|n\/a\b)/i.test(String(v));

/** Class-of-worker answers short enough to name someone by ("Retired", "Student"); the census's long ones are not. */
const SHORT_ROLE = 25;

/** A job description short enough to be a name, for a persona without census work fields (a famous person's "Barack Obama, Politician/Author"). */
const SHORT_JOB = 60;

/** A person by age and sex: "Woman", "Boy", "Teenage girl"; "Child"/"Teenager" when the sex is unknown; undefined for an adult of unknown sex. */
function personNoun(sex: string, age: number | undefined): string | undefined {
  const female = /^f/i.test(sex);
  const male = /^m/i.test(sex);
  if (age !== undefined && age < 13) return female ? 'Girl' : male ? 'Boy' : 'Child';
  if (age !== undefined && age < 18) return female ? 'Teenage girl' : male ? 'Teenage boy' : 'Teenager';
  return female ? 'Woman' : male ? 'Man' : undefined;
}

/**
 * What the person does in a few words (occupation, or a short role such as "Retired"; for a persona
 * with no census work fields, its short job description, which names a famous person), else who they
 * are ("Unemployed man", "Girl").
 */
function whoOf(p: Labelled, age: number | undefined): string | undefined {
  if (usable(p['occupation category'])) return readableValue('occupation category', String(p['occupation category']));
  const role = usable(p['class of worker']) ? String(p['class of worker']) : '';
  if (role && role.length <= SHORT_ROLE) return role;
  const status = usable(p['employment status']) ? String(p['employment status']) : '';
  const job = usable(p['detailed job description']) ? String(p['detailed job description']) : '';
  if (!role && !status && job && job.length <= SHORT_JOB) return job;
  const noun = personNoun(usable(p.sex) ? String(p.sex) : '', age);
  if (/^Armed forces/.test(status)) return 'Service member';
  if (status === 'Unemployed' && (age === undefined || age >= 16)) return `Unemployed ${noun ? noun.toLowerCase() : 'person'}`;
  return noun;
}

/** A place of birth as a name: "New York/NY" → "New York". */
const placeOf = (p: Labelled) => (usable(p['place of birth']) ? String(p['place of birth']).replace(/\/[A-Z]{2}$/, '') : undefined);

/** "Registered nurse, 34, New York": occupation (or role, or "Woman"…), age, place of birth, the parts present; else the id. */
export function personaLabel(p: Labelled): string {
  const age = typeof p.age === 'number' ? p.age : usable(p.age) && /^\d+$/.test(String(p.age)) ? Number(p.age) : undefined;
  const parts = [whoOf(p, age), age, placeOf(p)].filter((x) => x !== undefined);
  return parts.length ? parts.join(', ') : (p.id ?? 'Persona');
}

const KEYS = new Set<string>(PERSONA_KEYS);

/** The attributes of a persona kept as rendered text ("key: value" lines, as `renderPersona` writes); other lines are ignored. */
export function attributesFromText(text: string): Labelled {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(': ');
    if (at <= 0) continue;
    const key = line.slice(0, at).trim().toLowerCase();
    if (KEYS.has(key) && !(key in out)) out[key] = line.slice(at + 2).trim();
  }
  return out as Labelled;
}

/** The label of a persona kept as text, with its id as the fallback. */
export function personaTextLabel(id: string, text: string): string {
  return personaLabel({ ...attributesFromText(text), id });
}
