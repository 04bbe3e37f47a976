/**
 * The persona generator: a census draw (the census side's sampler) plus the ten added attributes,
 * checked against every hard rule and redrawn until it keeps them. Persona i depends only on the
 * seed, the population (age range and census model) and i, never on the count or on other
 * personas, so a set of 100 is the first 100 of a set of 1,000 (splits aside).
 */
import type { CensusCodes, CensusPerson, CensusSampler, SamplerOptions } from '../census/types';
import { hashHex, Rng } from '../random';
import { drawExtras, type PersonaExtras } from './extras';
import { checkHeritageRules, checkPersonaRules, type CensusRuleChecker, type PersonaRuleViolation } from './rules';
import type { Persona, PersonaAttributes, PersonaSplit } from './schema';
import { assignSplits } from './split';

/** Where census draws come from. */
export interface CensusSource {
  /** A short stable identifier of the census model (part of every persona id). */
  readonly id: string;
  /** A sampler of the population within an age range. */
  sampler(options: SamplerOptions): CensusSampler;
  /** The census side's hard rules over a draw's PUMS codes (none when absent). */
  readonly checkRules?: CensusRuleChecker;
}

/** What a persona set is generated from. */
export interface GenerateParams {
  /** The seed (any text). */
  readonly seed: string;
  /** How many personas. */
  readonly count: number;
  /** Youngest age, inclusive (default 0). */
  readonly minAge?: number;
  /** Oldest age, inclusive (default: no limit). */
  readonly maxAge?: number;
}

/** Options for a run. */
export interface PersonaGenerateOptions {
  /** Called every `progressEvery` personas and at the end with the number done. */
  readonly onProgress?: (done: number, total: number) => void;
  /** How often to report progress (default 1,000). */
  readonly progressEvery?: number;
  /** Stops the run between personas (throws the signal's reason). */
  readonly signal?: AbortSignal;
}

/** How many times a persona is redrawn before the generator gives up (a broken rule that often means a bug). */
const MAX_ATTEMPTS = 50;

/** The population part of persona ids: age range and census model. */
export function populationKey(params: GenerateParams, source: Pick<CensusSource, 'id'>): string {
  return `${params.minAge ?? 0}-${params.maxAge ?? 'max'}|${source.id}`;
}

/** A persona's stable id: 16 hex digits from the seed, the population and its index. */
function personaId(seed: string, population: string, index: number): string {
  return hashHex(`persona|${seed}|${population}|${index}`);
}

/** Every hard-rule violation of one persona: census rules over its codes (when given), then the persona side's. */
export function checkAllRules(
  persona: Readonly<Partial<PersonaAttributes>>,
  codes?: CensusCodes,
  censusRules?: CensusRuleChecker,
): PersonaRuleViolation[] {
  const own = checkPersonaRules(persona);
  if (!codes) return own;
  const census = censusRules ? censusRules(codes) : [];
  const heritage = checkHeritageRules(persona, codes);
  if (census.length === 0 && heritage.length === 0) return own;
  return [...census.map((v) => ({ rule: v.rule, key: 'census', message: v.message })), ...own, ...heritage];
}

/** Draws one candidate for index `index` at attempt `attempt` (no rule check), with its census codes. */
export function drawCandidate(
  sampler: CensusSampler,
  seed: string,
  population: string,
  index: number,
  attempt: number,
): { attributes: PersonaAttributes; codes: CensusCodes } {
  const rng = new Rng(`${seed}|${population}|${index}|${attempt}`);
  const person = sampler.sample(rng);
  return { attributes: assemble(person.attributes, drawExtras(person, rng)), codes: person.codes };
}

/** The 34 attributes in persona order, from the census draw and the added ten. */
function assemble(c: CensusPerson['attributes'], x: PersonaExtras): PersonaAttributes {
  return {
    age: c.age,
    sex: c.sex,
    race: c.race,
    ancestry: c.ancestry,
    'household language': c['household language'],
    education: c.education,
    'employment status': c['employment status'],
    'class of worker': c['class of worker'],
    'industry category': c['industry category'],
    'occupation category': c['occupation category'],
    'detailed job description': x['detailed job description'],
    income: c.income,
    'marital status': c['marital status'],
    'household type': c['household type'],
    'family presence and age': c['family presence and age'],
    'place of birth': c['place of birth'],
    citizenship: c.citizenship,
    'veteran status': c['veteran status'],
    disability: c.disability,
    'health insurance': c['health insurance'],
    'big five scores': x['big five scores'],
    'defining quirks': x['defining quirks'],
    mannerisms: x.mannerisms,
    'personal time': x['personal time'],
    lifestyle: x.lifestyle,
    ideology: x.ideology,
    'political views': x['political views'],
    religion: x.religion,
    'cognitive difficulty': c['cognitive difficulty'],
    'ability to speak english': c['ability to speak english'],
    'vision difficulty': c['vision difficulty'],
    fertility: c.fertility,
    'hearing difficulty': c['hearing difficulty'],
    'core values': x['core values'],
  };
}

/** A persona generator bound to a source and parameters. */
export class PersonaGenerator {
  readonly #sampler: CensusSampler;
  readonly #source: CensusSource;
  readonly #params: GenerateParams;
  readonly #population: string;

  constructor(source: CensusSource, params: GenerateParams) {
    this.#source = source;
    this.#params = params;
    const options: { minAge?: number; maxAge?: number } = {};
    if (params.minAge !== undefined) options.minAge = params.minAge;
    if (params.maxAge !== undefined) options.maxAge = params.maxAge;
    this.#sampler = source.sampler(options);
    this.#population = populationKey(params, source);
  }

  /** The id persona `index` gets. */
  id(index: number): string {
    return personaId(this.#params.seed, this.#population, index);
  }

  /** The first candidate from `attempt` on that keeps every hard rule, with the attempt it came from. */
  attributes(index: number, attempt = 0): { attributes: PersonaAttributes; attempt: number } {
    let last: PersonaRuleViolation[] = [];
    for (let a = attempt; a < attempt + MAX_ATTEMPTS; a++) {
      const candidate = drawCandidate(this.#sampler, this.#params.seed, this.#population, index, a);
      last = checkAllRules(candidate.attributes, candidate.codes, this.#source.checkRules);
      if (last.length === 0) return { attributes: candidate.attributes, attempt: a };
    }
    throw new Error(
      `Persona ${index} broke a hard rule in ${MAX_ATTEMPTS} draws; last: ${last.map((v) => `${v.rule} (${v.message})`).join('; ')}`,
    );
  }

  /** A `Redraw` for the LLM review: the next persona for an index that keeps every hard rule. */
  redraw(split: (index: number) => PersonaSplit): (index: number, fromAttempt: number) => { persona: Persona; attempt: number } {
    return (index, fromAttempt) => {
      const r = this.attributes(index, fromAttempt);
      return { persona: { id: this.id(index), split: split(index), ...r.attributes }, attempt: r.attempt };
    };
  }

  /** Persona `index` with the given split. */
  persona(index: number, split: PersonaSplit, attempt = 0): Persona {
    return { id: this.id(index), split, ...this.attributes(index, attempt).attributes };
  }
}

/** Generates a whole set, in index order, with its train/test split. */
export function generatePersonas(source: CensusSource, params: GenerateParams, options: PersonaGenerateOptions = {}): Persona[] {
  if (!Number.isInteger(params.count) || params.count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${params.count}`);
  const generator = new PersonaGenerator(source, params);
  const splits = assignSplits(params.count, params.seed);
  const every = options.progressEvery ?? 1000;
  const out: Persona[] = new Array(params.count);
  for (let i = 0; i < params.count; i++) {
    if (options.signal?.aborted) throw options.signal.reason;
    out[i] = generator.persona(i, splits[i] as PersonaSplit);
    if (options.onProgress && (i + 1) % every === 0) options.onProgress(i + 1, params.count);
  }
  options.onProgress?.(params.count, params.count);
  return out;
}
