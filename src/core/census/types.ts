/**
 * The contract between the census sampler and the persona generator. The census side draws the
 * 24 census-grounded attributes (with the procedural fills for what the microdata lack); the persona
 * side adds the other 10 (detailed job description, Big Five, quirks, mannerisms, personal time,
 * lifestyle, ideology, political views, religion, core values), conditioned on `codes`.
 */
import type { Rng } from '../random';
import type { AttributeValue } from '../personas/schema';

/** The 24 persona keys the census side fills, in persona order. */
export const CENSUS_KEYS = [
  'age',
  'sex',
  'race',
  'ancestry',
  'household language',
  'education',
  'employment status',
  'class of worker',
  'industry category',
  'occupation category',
  'income',
  'marital status',
  'household type',
  'family presence and age',
  'place of birth',
  'citizenship',
  'veteran status',
  'disability',
  'health insurance',
  'cognitive difficulty',
  'ability to speak english',
  'vision difficulty',
  'fertility',
  'hearing difficulty',
] as const;

/** One of the 24 census-grounded persona keys. */
export type CensusKey = (typeof CENSUS_KEYS)[number];

/** US Census regions (state FIPS → region as the Census Bureau defines them). */
export type CensusRegion = 'Northeast' | 'Midwest' | 'South' | 'West';

/**
 * The PUMS codes drawn for one person, for conditioning later draws. Keys are PUMS variable names;
 * a value is null where PUMS leaves it blank ("N/A", e.g. SCHL under age 3). Always present:
 * AGEP, SEX, RAC1P, HISP, ST, SCHL, ESR, COW, OCCP, INDP, PINCP, MAR, MIL, CIT, NATIVITY, DIS,
 * HICOV, ENG, FER, DEAR, DEYE, DREM, HHT, HHL. Codes for procedurally filled attributes
 * (POBP, ANC1P, HHT2, FPARC) are present as the fill drew them.
 */
export type CensusCodes = Readonly<Record<string, number | null>>;

/** One sampled person: persona values (dictionary label text, null when not applicable) and codes. */
export interface CensusPerson {
  /** The 24 census-grounded attribute values, ready for the persona record. */
  readonly attributes: { readonly [K in CensusKey]: AttributeValue };
  /** The PUMS codes behind them. */
  readonly codes: CensusCodes;
  /** The census region of the person's state of residence. */
  readonly region: CensusRegion;
}

/** Restricts the population sampled. */
export interface SamplerOptions {
  /** Youngest age, inclusive (default 0). */
  readonly minAge?: number;
  /** Oldest age, inclusive (default: the oldest in the model). */
  readonly maxAge?: number;
}

/** Draws census persons from a model. Deterministic given the Rng's state. */
export interface CensusSampler {
  /** One person; consumes draws from `rng` only. */
  sample(rng: Rng): CensusPerson;
}
