/**
 * Procedural fills for what the PUMS extract lacks (place of birth, ancestry, detailed household
 * type, family presence, group-quarters household language), each conditioned on what was already
 * drawn, from the published figures in data/fill-tables.ts (sources in docs/census-fills.md).
 * Place of birth and ancestry are conditioned on the household language too, through the
 * home-language profiles of data/home-languages.ts: P(country | race, language) is proportional to
 * P(country | race) x P(language | country). Alias tables are built once per model, per race
 * group and household language; each fill costs one to three draws.
 */
import { AliasTable, type Rng } from '../random';
import { STATES, regionOf, eth11, NA } from './features';
import {
  BORN_ABROAD_TO_US_PARENTS,
  BORN_IN_STATE_BY_AGE,
  BORN_IN_TERRITORIES,
  COHABITING,
  FOREIGN_BORN,
  HISP_ANCESTRY,
  HISP_COUNTRY,
  NATIVE_ANCESTRY,
  type AncestryRow,
  type CountryRow,
} from './data/fill-tables';
import { ANCESTRY_PROFILE, COUNTRY_PROFILE, PROFILES, countryProfile, type LanguageProfile } from './data/home-languages';

interface Pick<T> {
  readonly table: AliasTable;
  readonly rows: readonly T[];
}
const pick = <T>(rows: readonly T[], weight: (r: T) => number): Pick<T> => ({ table: new AliasTable(rows.map(weight)), rows });
const draw = <T>(p: Pick<T>, rng: Rng): T => p.rows[p.table.draw(rng)] as T;
/** Household language groups HHL 1-5. */
const LANGUAGES = [1, 2, 3, 4, 5] as const;

/**
 * One pick per household language (index HHL - 1), weighting each row by how well its language
 * profile fits; a language no row fits keeps the unconditioned weights (the household's language
 * then comes from someone else in it, a spouse or a parent).
 */
function byLanguage<T>(rows: readonly T[], weight: (r: T) => number, profile: (r: T) => LanguageProfile): Pick<T>[] {
  return LANGUAGES.map((hhl) => {
    const w = rows.map((r) => weight(r) * (profile(r)[hhl - 1] as number));
    return w.some((x) => x > 0) ? { table: new AliasTable(w), rows } : pick(rows, weight);
  });
}

/** Country of each national-origin ancestry code, from the foreign-born rows. */
const COUNTRY_OF_ANCESTRY = new Map<number, number>(
  Object.values(FOREIGN_BORN)
    .flat()
    .map((r) => [r[1], r[0]] as const),
);

/** The heritage-language profile of a US-born person's ancestry: its own, else that of its country. */
function ancestryProfile(anc1p: number): LanguageProfile {
  const own = ANCESTRY_PROFILE.get(anc1p);
  if (own) return PROFILES[own];
  const country = COUNTRY_OF_ANCESTRY.get(anc1p);
  return country !== undefined && COUNTRY_PROFILE.has(country) ? countryProfile(country) : PROFILES.unknown;
}

const RACE_KEY = ['', '', '', '', 'white', 'black', 'aian', 'asian', 'nhpi', 'other', 'two'] as const;

/** The fills for one model (the state weights come from the model's own state table). */
export class CensusFills {
  readonly #otherState: Pick<number>[];
  readonly #territory = pick(BORN_IN_TERRITORIES, (r) => r[1]);
  readonly #abroad = pick(BORN_ABROAD_TO_US_PARENTS, (r) => r[1]);
  readonly #foreign: Record<string, Pick<CountryRow>[]>;
  readonly #hispCountry: Record<number, Pick<CountryRow>>;
  readonly #native: Record<string, Pick<AncestryRow>[]>;

  /** `stateWeight(fips)` is the population weight of a state of residence (0 when absent). */
  constructor(stateWeight: (fips: number) => number) {
    const states = STATES.filter((s) => s <= 56);
    this.#otherState = [0, 1, 2, 3].map((r) => pick(states, (s) => (stateWeight(s) + 1) * (regionOf(s) === r ? 3 : 1)));
    const two = [...FOREIGN_BORN.white, ...FOREIGN_BORN.black, ...FOREIGN_BORN.asian, ...FOREIGN_BORN.other];
    this.#foreign = Object.fromEntries(
      [...Object.entries(FOREIGN_BORN), ['two', two] as const].map(([k, rows]) => [
        k,
        byLanguage(
          rows,
          (r) => r[2],
          (r) => countryProfile(r[0]),
        ),
      ]),
    );
    this.#hispCountry = Object.fromEntries(Object.entries(HISP_COUNTRY).map(([k, rows]) => [k, pick(rows, (r) => r[2])]));
    this.#native = Object.fromEntries(
      Object.entries(NATIVE_ANCESTRY).map(([k, rows]) => [
        k,
        byLanguage(
          rows,
          (r) => r[1],
          (r) => ancestryProfile(r[0]),
        ),
      ]),
    );
  }

  /**
   * Place of birth (POBP) and ancestry (ANC1P) for a person of the given age, state, Hispanic
   * origin, race, citizenship and household language (HHL 1-5). Returns [POBP, ANC1P].
   */
  birthAndAncestry(age: number, st: number, hisp: number, race: number, cit: number, hhl: number, rng: Rng): [number, number] {
    const lang = hhl >= 1 && hhl <= 5 ? hhl - 1 : 0;
    const e = eth11(hisp, race);
    let pobp: number;
    let country: CountryRow | undefined;
    if (cit === 1) {
      const band = age < 18 ? 0 : age < 35 ? 1 : age < 65 ? 2 : 3;
      if (st <= 56 && rng.chance(BORN_IN_STATE_BY_AGE[band] as number)) pobp = st;
      else {
        const table = this.#otherState[regionOf(st)] as Pick<number>;
        pobp = draw(table, rng);
        for (let i = 0; i < 4 && pobp === st; i++) pobp = draw(table, rng);
      }
    } else if (cit === 2) pobp = draw(this.#territory, rng)[0];
    else if (cit === 3) pobp = draw(this.#abroad, rng)[0];
    else {
      const hispTable = hisp >= 2 ? this.#hispCountry[hisp] : undefined;
      country = draw(hispTable ?? (hisp >= 2 ? this.#foreign.hispanicOther! : this.#foreign[RACE_KEY[e] || 'two']!)[lang]!, rng);
      pobp = country[0];
    }
    let anc: number;
    if (hisp >= 2) anc = HISP_ANCESTRY[hisp] ?? 290;
    else if (country) anc = country[1];
    else anc = draw(this.#native[RACE_KEY[e] || 'two']![lang]!, rng)[0];
    return [pobp, anc];
  }

  /**
   * Detailed household type (HHT2) from the household type (HHT), whether related children under 18
   * are present (KIDS, coded as FPARC), and the published share of cohabiting couples. NA for group quarters.
   */
  householdDetail(hht: number, kids: number, rng: Rng): number {
    if (hht === NA) return NA;
    const children = kids >= 1 && kids <= 3;
    switch (hht) {
      case 1:
        return children ? 1 : 2;
      case 2:
      case 3: {
        const cohab = rng.chance(children ? COHABITING.familyWithChildren : COHABITING.familyNoChildren);
        if (cohab) return children ? 3 : 4;
        return hht === 2 ? (children ? 10 : 11) : children ? 6 : 7;
      }
      case 4:
        return 9;
      case 6:
        return 5;
      case 5:
        return rng.chance(COHABITING.nonfamilyShared) ? 4 : 12;
      default:
        return rng.chance(COHABITING.nonfamilyShared) ? 4 : 8;
    }
  }
}
