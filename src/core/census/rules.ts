/**
 * The census hard consistency rules: combinations no person may have, checked on PUMS codes.
 * Pure and cheap; the sampler checks every drawn person, the model builder drops the (rare) source
 * records that break a rule, and the persona generator adds rules for the non-census fields.
 *
 * A rule reads codes by PUMS name; a code that is undefined (not drawn, or a column absent from a
 * source file) makes the rule pass; null is PUMS N/A. Each rule was checked against the 2024 PUMS
 * records (docs/census-model.md lists how many records each one removed).
 */
import { countryProfile } from './data/home-languages';

/** Codes as the rules read them: undefined for a code not drawn or a column absent from a file. */
export type CensusCodeView = Readonly<Record<string, number | null | undefined>>;

/** One broken rule. */
export interface CensusRuleViolation {
  /** The rule's id, such as "esr-age". */
  readonly rule: string;
  /** What is wrong, with the values. */
  readonly message: string;
}

/** One rule: returns a message when the codes break it, else undefined. */
export interface CensusRule {
  /** Stable id. */
  readonly id: string;
  /** What the rule requires, in words. */
  readonly text: string;
  /** The check. */
  readonly check: (c: CensusCodeView) => string | undefined;
}

const has = (c: CensusCodeView, k: string) => c[k] !== undefined;
const MIN_AGE_FOR_SCHL: Readonly<Record<number, number>> = { 16: 14, 17: 14, 18: 15, 19: 15, 20: 17, 21: 18, 22: 20, 23: 21, 24: 22 };

/** Every census rule, in the order they are checked. */
export const CENSUS_RULES: readonly CensusRule[] = [
  {
    id: 'age-range',
    text: 'Age is a whole number from 0 to 99.',
    check: (c) => {
      const a = c.AGEP;
      return a === undefined || (a !== null && Number.isInteger(a) && a >= 0 && a <= 99) ? undefined : `age ${a}`;
    },
  },
  {
    id: 'schl-age',
    text: 'Educational attainment is N/A exactly under age 3, and no degree or grade comes before the age it can be reached.',
    check: (c) => {
      if (!has(c, 'SCHL') || !has(c, 'AGEP')) return;
      const a = c.AGEP as number,
        s = c.SCHL;
      if (a < 3 !== (s === null)) return `education ${s} at age ${a}`;
      if (s === null || s === undefined) return;
      const grade = s >= 4 && s <= 15 ? s - 3 : 0; // Grade 1 = SCHL 4 … 12th grade = SCHL 15
      const min = grade ? grade + 4 : (MIN_AGE_FOR_SCHL[s] ?? 0);
      return a < min ? `education ${s} at age ${a} (needs ${min}+)` : undefined;
    },
  },
  {
    id: 'mar-age',
    text: 'Under 15 means never married.',
    check: (c) =>
      has(c, 'MAR') && has(c, 'AGEP') && (c.AGEP as number) < 15 && c.MAR !== 5 ? `marital status ${c.MAR} at age ${c.AGEP}` : undefined,
  },
  {
    id: 'esr-age',
    text: 'Employment status is N/A exactly under age 16.',
    check: (c) =>
      has(c, 'ESR') && has(c, 'AGEP') && (c.AGEP as number) < 16 !== (c.ESR === null) ? `employment ${c.ESR} at age ${c.AGEP}` : undefined,
  },
  {
    id: 'cow-esr',
    text: 'Class of worker is N/A under 16; the employed have an employer class (1–8); the armed forces work for the federal government.',
    check: (c) => {
      if (!has(c, 'COW') || !has(c, 'ESR')) return;
      const e = c.ESR,
        w = c.COW;
      if (e === null && w !== null) return `class of worker ${w} with employment N/A`;
      if ((e === 1 || e === 2 || e === 4 || e === 5) && (w === null || w === 9)) return `class of worker ${w} while employed (${e})`;
      if ((e === 4 || e === 5) && w !== 5) return `class of worker ${w} in the armed forces`;
      return undefined;
    },
  },
  {
    id: 'job-cow',
    text: 'Industry and occupation are N/A exactly when class of worker is; "never worked" (COW 9) goes with the never-worked codes (9920).',
    check: (c) => {
      if (!has(c, 'COW') || !has(c, 'INDP') || !has(c, 'OCCP')) return;
      const w = c.COW,
        i = c.INDP,
        o = c.OCCP;
      if ((w === null) !== (i === null) || (w === null) !== (o === null)) return `class of worker ${w}, industry ${i}, occupation ${o}`;
      if ((w === 9) !== (i === 9920) || (w === 9) !== (o === 9920)) return `class of worker ${w}, industry ${i}, occupation ${o}`;
      return undefined;
    },
  },
  {
    id: 'armed-forces-job',
    text: 'Members of the armed forces work in a military industry.',
    check: (c) =>
      (c.ESR === 4 || c.ESR === 5) && has(c, 'INDP') && !((c.INDP as number) >= 9670 && (c.INDP as number) <= 9870)
        ? `armed forces in industry ${c.INDP}`
        : undefined,
  },
  {
    id: 'income-age',
    text: 'Income is N/A exactly under age 15.',
    check: (c) =>
      has(c, 'PINCP') && has(c, 'AGEP') && (c.AGEP as number) < 15 !== (c.PINCP === null)
        ? `income ${c.PINCP} at age ${c.AGEP}`
        : undefined,
  },
  {
    id: 'fer-sex-age',
    text: 'Fertility is asked only of women aged 15 to 50.',
    check: (c) => {
      if (!has(c, 'FER') || c.FER === null) return;
      return c.SEX === 2 && (c.AGEP as number) >= 15 && (c.AGEP as number) <= 50
        ? undefined
        : `fertility ${c.FER} for sex ${c.SEX} at age ${c.AGEP}`;
    },
  },
  {
    id: 'mil-age',
    text: 'Military service is N/A exactly under age 17; active duty means an armed-forces employment status, and the armed forces are on active duty or in the Reserves/National Guard.',
    check: (c) => {
      if (!has(c, 'MIL') || !has(c, 'AGEP')) return;
      if ((c.AGEP as number) < 17 !== (c.MIL === null)) return `military service ${c.MIL} at age ${c.AGEP}`;
      if (has(c, 'ESR') && c.MIL === 1 && c.ESR !== 4 && c.ESR !== 5) return `on active duty with employment ${c.ESR}`;
      if (has(c, 'ESR') && (c.ESR === 4 || c.ESR === 5) && c.MIL !== 1 && c.MIL !== 3) return `armed forces with military service ${c.MIL}`;
      return undefined;
    },
  },
  {
    id: 'drem-age',
    text: 'Cognitive difficulty is N/A exactly under age 5.',
    check: (c) =>
      has(c, 'DREM') && has(c, 'AGEP') && (c.AGEP as number) < 5 !== (c.DREM === null)
        ? `cognitive difficulty ${c.DREM} at age ${c.AGEP}`
        : undefined,
  },
  {
    id: 'disability-difficulties',
    text: 'A hearing, vision or cognitive difficulty is a disability; without a disability there is none.',
    check: (c) => {
      if (!has(c, 'DIS') || !has(c, 'DEAR')) return;
      const any = c.DEAR === 1 || c.DEYE === 1 || c.DREM === 1;
      return any && c.DIS !== 1 ? `difficulty without a disability` : undefined;
    },
  },
  {
    id: 'language-age',
    text: 'Language spoken and English ability are N/A under age 5; ability is given exactly for those who speak another language.',
    check: (c) => {
      if (!has(c, 'LANX') || !has(c, 'ENG') || !has(c, 'AGEP')) return;
      if ((c.AGEP as number) < 5 !== (c.LANX === null)) return `language ${c.LANX} at age ${c.AGEP}`;
      return (c.LANX === 1) !== (c.ENG !== null) ? `English ability ${c.ENG} with language ${c.LANX}` : undefined;
    },
  },
  {
    id: 'citizenship-nativity',
    text: 'Nativity follows citizenship (CIT 1–3 native, 4–5 foreign born).',
    check: (c) =>
      has(c, 'CIT') && has(c, 'NATIVITY') && (c.CIT as number) >= 4 !== (c.NATIVITY === 2)
        ? `citizenship ${c.CIT} with nativity ${c.NATIVITY}`
        : undefined,
  },
  {
    id: 'household-child',
    text: 'Under 15 one does not live alone.',
    check: (c) =>
      has(c, 'HHT') && (c.AGEP as number) < 15 && (c.HHT === 4 || c.HHT === 6) ? `household type ${c.HHT} at age ${c.AGEP}` : undefined,
  },
  {
    id: 'family-children',
    text: "Family presence and age includes a child's own age group; it is N/A outside family households.",
    check: (c) => {
      if (!has(c, 'FPARC') || !has(c, 'HHT')) return;
      const f = c.FPARC,
        h = c.HHT,
        a = c.AGEP as number;
      if ((f !== null) !== (h !== null && (h as number) <= 3)) return `family presence ${f} in household type ${h}`;
      if (f !== null && a < 15 && !(a < 5 ? f === 1 || f === 3 : f === 2 || f === 3)) return `family presence ${f} for a child aged ${a}`;
      return undefined;
    },
  },
  {
    id: 'household-type-detail',
    text: 'The detailed household type (HHT2) agrees with the household type (HHT) and the children present.',
    check: (c) => {
      if (!has(c, 'HHT2') || !has(c, 'HHT')) return;
      const h = c.HHT,
        d = c.HHT2;
      if ((h === null) !== (d === null)) return `detailed type ${d} with type ${h}`;
      if (h === null || d === null || d === undefined) return;
      const ok: Readonly<Record<number, readonly number[]>> = {
        1: [1, 2],
        2: [3, 4, 10, 11],
        3: [3, 4, 6, 7],
        4: [9],
        5: [4, 12],
        6: [5],
        7: [4, 8],
      };
      if (!(ok[h as number] ?? []).includes(d)) return `detailed type ${d} with type ${h}`;
      const kids = c.FPARC === 1 || c.FPARC === 2 || c.FPARC === 3;
      if ([1, 3, 6, 10].includes(d) && !kids && c.FPARC !== undefined) return `detailed type ${d} with no children present`;
      return undefined;
    },
  },
  {
    id: 'place-of-birth',
    text: 'Place of birth agrees with citizenship: a US state for CIT 1, a US territory for CIT 2, abroad for CIT 3–5.',
    check: (c) => {
      if (!has(c, 'POBP') || !has(c, 'CIT') || c.POBP === null) return;
      const p = c.POBP as number,
        t = c.CIT;
      const ok = t === 1 ? p >= 1 && p <= 56 : t === 2 ? p >= 60 && p <= 78 : p >= 100;
      return ok ? undefined : `place of birth ${p} with citizenship ${t}`;
    },
  },
  {
    id: 'birth-language',
    text: 'A person born abroad lives in a household whose language fits the country of birth (no "other Indo-European" household for a Nigerian-born person).',
    check: (c) => {
      if (!has(c, 'POBP') || !has(c, 'HHL') || c.POBP === null || c.HHL === null || (c.POBP as number) < 100) return;
      const hhl = c.HHL as number;
      return hhl >= 1 && hhl <= 5 && countryProfile(c.POBP as number)[hhl - 1] === 0
        ? `household language ${hhl} for a person born in country ${c.POBP}`
        : undefined;
    },
  },
];

/** Every rule the codes break (empty when consistent). */
export function checkCensusCodes(codes: CensusCodeView): CensusRuleViolation[] {
  const out: CensusRuleViolation[] = [];
  for (const r of CENSUS_RULES) {
    const m = r.check(codes);
    if (m !== undefined) out.push({ rule: r.id, message: m });
  }
  return out;
}

/** The first rule the codes break, or undefined: the cheap form for hot loops. */
export function firstViolation(codes: CensusCodeView): string | undefined {
  for (const r of CENSUS_RULES) if (r.check(codes) !== undefined) return r.id;
  return undefined;
}
