/**
 * The famous set of WikiPersonas: 50 people (FamousPersona's `demographics.csv`, MIT) with their 15
 * columns, and the axes and sub-categories of the paper's Table 7 (a person drawn for several axes,
 * such as Barack Obama, belongs to each). People a user adds have the same columns and any axes.
 */
import { csvTable } from '../records/csv-write';
import { PERSONA_KEYS, type Persona, type PersonaKey } from '../personas/schema';
import { FAMOUS_ROWS } from './famous-data';

/** The 15 columns of `demographics.csv`, in the file's order. */
export const FAMOUS_COLUMNS = [
  'race',
  'birth year',
  'gender',
  'sexual preference',
  'ethnicity',
  'family marriage status',
  'education level',
  'birth state',
  'birth country',
  'current state',
  'current country',
  'profession',
  'religion',
  'political affiliation',
  'economic status',
] as const;

/** One of the 15 columns. */
export type FamousColumn = (typeof FAMOUS_COLUMNS)[number];

/** A person's place on one axis (Table 7): the axis and the sub-category they stand for. */
interface AxisMembership {
  /** The axis, e.g. "politics". */
  readonly axis: string;
  /** The sub-category, e.g. "Liberal". */
  readonly category: string;
}

/** A famous person (or one a user added). */
export interface FamousPerson {
  /** Stable id: the name in lower case with runs of other characters as "-" ("barack-obama"). */
  readonly id: string;
  /** The name. */
  readonly name: string;
  /** The 15 columns; null where the file says "NA" (or the user left it empty). */
  readonly columns: { readonly [K in FamousColumn]: string | null };
  /** The axes the person was drawn for, in Table 7's order. */
  readonly axes: readonly AxisMembership[];
  /** True for people a user added (stored in this browser or given in a file). */
  readonly custom?: boolean;
}

/** The 11 axes of Table 7 in the paper's order, each with its people and their sub-categories. */
const AXES: readonly { readonly axis: string; readonly members: readonly (readonly [name: string, category: string])[] }[] = [
  {
    axis: 'sports',
    members: [
      ['LeBron James', 'Basketball Player'],
      ['Serena Williams', 'Tennis Player'],
      ['David Beckham', 'Soccer Player'],
      ['Tiger Woods', 'Golf Player'],
      ['Mike Trout', 'Baseball Player'],
    ],
  },
  {
    axis: 'diet',
    members: [
      ['Ellen DeGeneres', 'Veganism'],
      ['Gwyneth Paltrow', 'Gluten-Free'],
      ['Megan Fox', 'Paleo'],
      ['Jennifer Aniston', 'Mediterranean'],
      ['Halle Berry', 'Ketogenic'],
    ],
  },
  {
    axis: 'politics',
    members: [
      ['Bernie Sanders', 'Liberal'],
      ['Donald Trump', 'Conservative'],
      ['Rand Paul', 'Libertarian'],
      ['Alexandria Ocasio-Cortez', 'Progressive'],
      ['Joe Biden', 'Centrist'],
    ],
  },
  {
    axis: 'religion',
    members: [
      ['Joel Osteen', 'Christianity'],
      ['Richard Dawkins', 'Atheism'],
      ['Mayim Bialik', 'Judaism'],
      ['Richard Gere', 'Buddhism'],
      ['Zayn Malik', 'Islam'],
    ],
  },
  {
    axis: 'age',
    members: [
      ['Millie Bobby Brown', 'Children (0-12 years)'],
      ['Billie Eilish', 'Teens (13-19 years)'],
      ['Barack Obama', 'Adults (20-64 years)'],
      ['Sir Ian McKellen', 'Seniors (65+ years)'],
    ],
  },
  {
    axis: 'profession',
    members: [
      ['Elon Musk', 'Entrepreneurs'],
      ['Meryl Streep', 'Actors'],
      ['Elton John', 'Musicians'],
      ['Tom Brady', 'Athletes'],
      ['J.K. Rowling', 'Writers'],
    ],
  },
  {
    axis: 'geographical location',
    members: [
      ['Elon Musk', 'West Coast USA'],
      ['Robert De Niro', 'East Coast USA'],
      ['Oprah Winfrey', 'Midwestern USA'],
      ['Beyoncé', 'Southern USA'],
      ['Daniel Radcliffe', 'Outside USA'],
    ],
  },
  {
    axis: 'gender',
    members: [
      ['Barack Obama', 'Male'],
      ['Oprah Winfrey', 'Female'],
      ['Sam Smith', 'Non-binary'],
      ['Laverne Cox', 'Transgender Female'],
      ['Chaz Bono', 'Transgender Male'],
    ],
  },
  {
    axis: 'education level',
    members: [
      ['Neil deGrasse Tyson', 'Doctoral Degree'],
      ['Quentin Tarantino', 'High School Educated'],
      ['Gordon Ramsey', 'Vocational Education'],
      ['Sheryl Sandberg', 'Undergraduate Degree'],
      ['Bill Clinton', 'Graduate Degree'],
    ],
  },
  {
    axis: 'AI professors',
    members: [
      ['Timnit Gebru', 'AI Ethics Professors'],
      ['Suchi Saria', 'AI in Medicine Professors'],
      ['Yoshua Bengio', 'AI in Neuroscience Professors'],
      ['Latanya Sweeney', 'AI in Data Privacy Professors'],
      ['Sebastian Thrun', 'Autonomous System AI Professors'],
    ],
  },
  {
    axis: 'family marriage status',
    members: [
      ['Prince Harry', 'Married without children'],
      ['Barack Obama', 'Married with children'],
      ['Taylor Swift', 'Single'],
      ['Jeff Bezos', 'Divorced'],
      ['Queen Elizabeth II', 'Widowed'],
    ],
  },
];

/** The axis names in Table 7's order. */
export const AXIS_NAMES: readonly string[] = AXES.map((a) => a.axis);

/** A person's id from a name: lower case, runs of characters other than a–z and 0–9 as "-" (accents folded). */
export function personId(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'person'
  );
}

function axesOf(name: string): AxisMembership[] {
  return AXES.flatMap((a) => a.members.filter(([n]) => n === name).map(([, category]) => ({ axis: a.axis, category })));
}

/** The 50 famous people, in the file's order. */
export const FAMOUS_PEOPLE: readonly FamousPerson[] = FAMOUS_ROWS.map(([name, ...values]) => ({
  id: personId(name),
  name,
  columns: Object.fromEntries(FAMOUS_COLUMNS.map((c, i) => [c, values[i] ?? null])) as FamousPerson['columns'],
  axes: axesOf(name),
}));

/** The people of an axis among `people`, with their sub-categories (Table 7's order for the famous set). */
export function axisMembers(axis: string, people: readonly FamousPerson[]): { person: FamousPerson; category: string }[] {
  return people.flatMap((p) => p.axes.filter((a) => a.axis === axis).map((a) => ({ person: p, category: a.category })));
}

/** The person as the text a model role-plays: the name, the columns given, and the axes. */
export function renderFamous(p: FamousPerson): string {
  const lines = [`name: ${p.name}`];
  for (const c of FAMOUS_COLUMNS) if (p.columns[c]) lines.push(`${c}: ${p.columns[c]}`);
  if (p.axes.length) lines.push(`known for: ${p.axes.map((a) => `${a.category} (${a.axis})`).join('; ')}`);
  return lines.join('\n');
}

/** The record one line of `famous --format jsonl` holds: name, the 15 columns, then the axes. */
function famousRecord(p: FamousPerson): Record<string, unknown> {
  const rec: Record<string, unknown> = { name: p.name };
  for (const c of FAMOUS_COLUMNS) rec[c] = p.columns[c];
  rec.axes = p.axes.map((a) => `${a.axis}: ${a.category}`);
  return rec;
}

/**
 * The set as CSV by the one CSV writer (CRLF line ends, formulas neutralised): `demographics.csv`'s
 * header and columns ("NA" for null), then an `axes` column ("axis: category; …").
 */
export function famousCsv(people: readonly FamousPerson[]): string {
  const rows = people.map((p) => [
    p.name,
    ...FAMOUS_COLUMNS.map((c) => p.columns[c] ?? 'NA'),
    p.axes.map((a) => `${a.axis}: ${a.category}`).join('; '),
  ]);
  return csvTable(['name', ...FAMOUS_COLUMNS, 'axes'], rows);
}

/** The set as JSON lines (`famousRecord` per person). */
export function famousJsonl(people: readonly FamousPerson[]): string {
  return people.map((p) => JSON.stringify(famousRecord(p)) + '\n').join('');
}

/** What a user gives to add a person: a name, any of the columns, and axes ("axis: category"). */
export interface FamousDraft {
  /** The name (required). */
  readonly name: string;
  /** Column values; missing or empty ones are null. */
  readonly columns?: Partial<Record<FamousColumn, string | null>>;
  /** Axes as "axis: category" strings or objects. */
  readonly axes?: readonly (string | AxisMembership)[];
}

/**
 * Makes a user's person from a draft. Throws an Error naming the field when the name is empty, an
 * axis is not "axis: category", or the id clashes with one in `taken` (the famous set's and the
 * user's own).
 */
export function customPerson(d: FamousDraft, taken: ReadonlySet<string> = new Set()): FamousPerson {
  const name = d.name.trim();
  if (!name) throw new Error('name: a person needs a name.');
  const id = personId(name);
  if (taken.has(id)) throw new Error(`name: "${name}" is already in the set.`);
  const columns = Object.fromEntries(
    FAMOUS_COLUMNS.map((c) => {
      const v = d.columns?.[c];
      return [c, typeof v === 'string' && v.trim() && v.trim() !== 'NA' ? v.trim() : null];
    }),
  ) as FamousPerson['columns'];
  const axes = (d.axes ?? []).map((a, i) => {
    if (typeof a !== 'string') return { axis: a.axis.trim(), category: a.category.trim() };
    const at = a.indexOf(':');
    if (at <= 0 || !a.slice(at + 1).trim()) throw new Error(`axes[${i}]: "${a}" is not "axis: category".`);
    return { axis: a.slice(0, at).trim(), category: a.slice(at + 1).trim() };
  });
  return { id, name, columns, axes, custom: true };
}

/**
 * A famous person as a PERSONA-style persona record, for the lists the chat and runs read: the
 * columns that have a PERSONA attribute (age in 2024 from the birth year, sex from gender, race,
 * ancestry from ethnicity, education, marital status, place of birth, religion, political views),
 * and the name with the profession as the detailed job description, so the role-played text and the
 * label name the person. Everything else is null.
 */
export function famousAsPersona(p: FamousPerson): Persona {
  const c = p.columns;
  const born = Number(c['birth year']);
  const values: Partial<Record<PersonaKey, string | number | null>> = {
    age: Number.isInteger(born) ? 2024 - born : null,
    sex: c.gender,
    race: c.race,
    ancestry: c.ethnicity,
    education: c['education level'],
    'marital status': c['family marriage status'],
    'place of birth': [c['birth state'], c['birth country']].filter(Boolean).join(', ') || null,
    religion: c.religion,
    'political views': c['political affiliation'],
    'detailed job description': `${p.name}${c.profession ? `, ${c.profession}` : ''}`,
  };
  const out: Record<string, unknown> = { id: p.id, split: 'test' };
  for (const k of PERSONA_KEYS) out[k] = values[k] ?? null;
  return out as Persona;
}
