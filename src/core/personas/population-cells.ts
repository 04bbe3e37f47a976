/**
 * The cells the persona draws condition on: age band, race/Hispanic origin group and census region,
 * in the categories the cited surveys report (Pew's race groups count Hispanics of any race as
 * Latino and the others as non-Hispanic). The bands are fine enough to form both the Religious
 * Landscape Study's age groups (18-29, 30-49, 50-64, 65+) and Pew's 2014 generations
 * (Millennials 18-33, Gen X 34-49, Boomers 50-68, Silent 69+).
 */
import type { CensusCodes, CensusRegion } from '../census/types';

/** Adult age bands as [lowest, highest] inclusive ages. */
export const AGE_BANDS = [
  [18, 29],
  [30, 33],
  [34, 49],
  [50, 64],
  [65, 68],
  [69, 200],
] as const;

/** Race/Hispanic-origin groups as Pew reports them. */
export const RACE_GROUPS = ['White', 'Black', 'Asian', 'Latino', 'Other/Mixed'] as const;
/** One race/Hispanic-origin group. */
export type RaceGroup = (typeof RACE_GROUPS)[number];

/** Census regions, in the order of the population table. */
export const REGIONS: readonly CensusRegion[] = ['Northeast', 'Midwest', 'South', 'West'];

/** The index in AGE_BANDS of an adult age (ages under 18 fall in the first band). */
export function ageBandIndex(age: number): number {
  for (let i = AGE_BANDS.length - 1; i >= 0; i--) if (age >= (AGE_BANDS[i] as readonly [number, number])[0]) return i;
  return 0;
}

/**
 * The race group of RAC1P and HISP codes: Hispanic origin (HISP > 1) first, then White (1),
 * Black (2) and Asian (6) alone; everything else, Native Hawaiian and Pacific Islander included,
 * is Other/Mixed.
 */
export function raceGroupIndex(rac1p: number | null | undefined, hisp: number | null | undefined): number {
  if (hisp !== null && hisp !== undefined && hisp > 1) return 3;
  if (rac1p === 1) return 0;
  if (rac1p === 2) return 1;
  if (rac1p === 6) return 2;
  return 4;
}

/** The race group of a census draw's codes. */
export function raceGroupOf(codes: CensusCodes): RaceGroup {
  return RACE_GROUPS[raceGroupIndex(codes.RAC1P, codes.HISP)] as RaceGroup;
}

const NORTHEAST = [9, 23, 25, 33, 44, 50, 34, 36, 42];
const MIDWEST = [17, 18, 26, 39, 55, 19, 20, 27, 29, 31, 38, 46];
const SOUTH = [10, 11, 12, 13, 24, 37, 45, 51, 54, 1, 21, 28, 47, 5, 22, 40, 48];
const WEST = [4, 8, 16, 30, 32, 35, 49, 56, 2, 6, 15, 41, 53];

/** The census region of a state FIPS code (Census Bureau regions); undefined outside the 50 states and DC. */
export function regionOfState(fips: number): CensusRegion | undefined {
  if (NORTHEAST.includes(fips)) return 'Northeast';
  if (MIDWEST.includes(fips)) return 'Midwest';
  if (SOUTH.includes(fips)) return 'South';
  if (WEST.includes(fips)) return 'West';
  return undefined;
}

/** The number of cells. */
export const CELL_COUNT = AGE_BANDS.length * RACE_GROUPS.length * REGIONS.length;
