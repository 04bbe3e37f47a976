/**
 * The census Bayesian network: a fixed variable order, and for each variable a list of parent sets
 * ("levels") from the most specific to the structural floor. A level's table holds weighted counts
 * of the variable for each parent configuration; the sampler mixes levels by their record counts
 * (see docs/census-model.md). The floor keeps the parents that decide applicability (age for N/A,
 * ESR for class of worker, …), so backing off never breaks a structural rule.
 *
 * Variables observed in every state of the shared data (block A: age, sex, state, Hispanic origin,
 * race, citizenship, household type and language, children in the household, education, disability)
 * come first and are conditioned only on each other; the rest (block B) are learned from the states
 * that have them, conditioned on block A, so California and Texas enter them through their own
 * block-A mix.
 */
import { F, V, type Feature } from './features';

/** Bump when nodes, levels or features change: a model built for another network is refused. */
export const NETWORK_VERSION = 2;

/** One variable of the network. */
export interface NetworkNode {
  /** The variable's name (the PUMS name or a composite's). */
  readonly name: string;
  /** Its slot in the code vector. */
  readonly slot: number;
  /** Parent sets, most specific first; the last is the structural floor. */
  readonly levels: readonly (readonly Feature[])[];
  /** Whether a record teaches this node (default: always, when its value and parents are known). */
  readonly learn?: (v: Int32Array) => boolean;
}

const n = (name: keyof typeof V, levels: Feature[][], learn?: NetworkNode['learn']): NetworkNode => ({
  name,
  slot: V[name],
  levels,
  ...(learn ? { learn } : {}),
});

/** The nodes in drawing order. AGEP is the root (its one level has no parents). */
export const NETWORK: readonly NetworkNode[] = [
  n('AGEP', [[]]),
  n('SEX', [[F.age5]]),
  n('ST', [[F.age6]]),
  n('HISP', [[F.st, F.age4], [F.st], []]),
  n('RAC1P', [[F.hisp5, F.st, F.age4], [F.hisp5, F.st], [F.hisp5]]),
  n('CIT', [
    [F.eth11, F.st, F.age10],
    [F.eth11, F.region, F.age10],
    [F.eth11, F.age10],
  ]),
  n('HHT', [[F.ageS, F.sex, F.eth11], [F.ageS, F.sex], [F.ageS]]),
  n('KIDS', [
    [F.hht, F.ageS, F.sex, F.eth6],
    [F.hht, F.ageS, F.sex],
    [F.hht, F.ageS],
  ]),
  n('HHL', [[F.gq, F.eth11, F.nat, F.region, F.ageL], [F.gq, F.eth11, F.nat], [F.gq]]),
  n('SCHL', [[F.ageS, F.sex, F.eth6, F.nat, F.region], [F.ageS, F.sex, F.eth6], [F.ageS]]),
  n('DIS', [[F.age5, F.sex, F.eth6, F.edu8], [F.age5, F.sex], [F.age5]]),
  n('MIL', [[F.ageS, F.sex, F.nat, F.edu8], [F.ageS, F.sex], [F.ageS]]),
  n('DIFF', [
    [F.dis, F.age5, F.sex],
    [F.dis, F.age5],
  ]),
  n('LANG', [
    [F.hhl, F.cit, F.eth11, F.ageL],
    [F.hhl, F.cit, F.ageL],
    [F.hhl, F.ageL],
  ]),
  n('MAR', [[F.ageS, F.sex, F.hht, F.eth6], [F.ageS, F.sex, F.hht], [F.ageS, F.sex], [F.ageS]]),
  n('FER', [
    [F.sex, F.ageS, F.mar2, F.kids],
    [F.sex, F.ageS, F.mar2],
    [F.sex, F.ageS],
  ]),
  n('ESR', [
    [F.ageS, F.sex, F.edu8, F.dis, F.milg, F.mar2],
    [F.ageS, F.sex, F.edu8, F.milg],
    [F.ageS, F.milg],
  ]),
  // Class of worker, occupation, industry and income follow detailed education (12 levels: a
  // professional degree or a doctorate apart from a master's) and age: occupation is drawn before
  // industry, so that physicians, lawyers or nurses carry the degrees PUMS gives them.
  n('COW', [[F.esr, F.ageC, F.eduD, F.sex], [F.esr, F.ageC, F.edu8], [F.esr]]),
  n('OCCP', [
    [F.cow, F.armed, F.eduD, F.sex, F.ageO],
    [F.cow, F.armed, F.eduD],
    [F.cow, F.armed],
  ]),
  n('INDP', [
    [F.occp, F.cow, F.armed],
    [F.occp, F.armed],
  ]),
  n('PINC', [[F.ageI, F.sex, F.eduD, F.work, F.occg], [F.ageI, F.edu8, F.work, F.occg], [F.ageI, F.work], [F.ageI]]),
  n('HICOV', [[F.ageH, F.cit, F.eth6, F.work, F.incg], [F.ageH, F.cit, F.work], [F.ageH]]),
  // Household language for group-quarters residents (who have none): learned from household
  // members who speak a language other than English, given ethnicity and nativity.
  n(
    'HHLX',
    [[F.eth11, F.nat], [F.eth11], []],
    (v) => (v[V.HHL] as number) >= 2 && (v[V.LANG] as number) >= 11 && (v[V.LANG] as number) <= 14,
  ),
];

/** Lower bounds of the income (PINCP) bins; bin 0 is a loss (below 0), the last is open. */
export const INCOME_LOWER = [
  -Infinity,
  0,
  1,
  2500,
  5000,
  7500,
  10000,
  12500,
  15000,
  20000,
  25000,
  30000,
  35000,
  40000,
  45000,
  50000,
  60000,
  70000,
  80000,
  90000,
  100000,
  125000,
  150000,
  200000,
  300000,
] as const;

/** The income bin of a PINCP value. */
export function incomeBin(pincp: number): number {
  let b = 0;
  while (b + 1 < INCOME_LOWER.length && pincp >= (INCOME_LOWER[b + 1] as number)) b++;
  return b;
}
