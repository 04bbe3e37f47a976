/**
 * Religion and party drawn conditioned on the person's age band, race/Hispanic origin and census
 * region, fitted (./rake.ts) to the published breakdowns in ./figures, weighted by the ACS adult
 * population of every cell (./figures/population.ts). Ideology is drawn given the leaned party.
 * Tables are built once, on first use.
 */
import { AliasTable, type Rng } from '../random';
import { ADULT_CELLS, STATE_ADULTS } from './figures/population';
import {
  IDEOLOGY_BY_PARTY_2014,
  IDEOLOGY_GROUPS,
  PARTY_BY_GENERATION_2014,
  PARTY_BY_RACE_2014,
  PARTY_BY_STATE_2014,
  PARTY_GROUPS,
  PARTY_NATIONAL_2014,
  type IdeologyGroup,
  type PartyGroup,
} from './figures/party';
import {
  RELIGION_BY_GENERATION_2014,
  RELIGION_BY_RACE_2014,
  RELIGION_BY_REGION_2007,
  RELIGION_NATIONAL_2014,
  TRADITIONS,
  type Tradition,
} from './figures/religion';
import { AGE_BANDS, CELL_COUNT, RACE_GROUPS, REGIONS, regionOfState, type RaceGroup } from './population-cells';
import type { CensusRegion } from '../census/types';
import { fitCells, type Margin } from './rake';

const cells = Array.from({ length: CELL_COUNT }, (_, c) => c);
const bandOf = (c: number) => Math.floor(c / (RACE_GROUPS.length * REGIONS.length));
const raceOf = (c: number) => Math.floor(c / REGIONS.length) % RACE_GROUPS.length;
const regionOf = (c: number) => c % REGIONS.length;

/** Pew 2014 generations (18-33, 34-49, 50-68, 69+) of each age band. */
const GENERATION = [0, 0, 1, 2, 2, 3];

/** The margins the religion fit reproduces. */
export function religionMargins(): Margin[] {
  return [
    { name: 'generation', groupOfCell: cells.map((c) => GENERATION[bandOf(c)] as number), table: RELIGION_BY_GENERATION_2014.rows },
    { name: 'race/ethnicity', groupOfCell: cells.map(raceOf), table: RELIGION_BY_RACE_2014.rows },
    { name: 'region', groupOfCell: cells.map(regionOf), table: RELIGION_BY_REGION_2007.rows },
  ];
}

/** Party by region: the RLS state figures averaged with ACS adult populations as weights. */
export function partyByRegion(): number[][] {
  const sums = REGIONS.map(() => [0, 0, 0]);
  const weights = REGIONS.map(() => 0);
  for (const [fips, row] of Object.entries(PARTY_BY_STATE_2014.rows)) {
    const region = regionOfState(Number(fips));
    const w = STATE_ADULTS[Number(fips)] ?? 0;
    if (!region || !w) continue;
    const r = REGIONS.indexOf(region);
    row.forEach((x, i) => ((sums[r] as number[])[i] = ((sums[r] as number[])[i] as number) + w * x));
    weights[r] = (weights[r] as number) + w;
  }
  return sums.map((row, r) => row.map((x) => x / (weights[r] as number)));
}

/** The margins the party fit reproduces. */
export function partyMargins(): Margin[] {
  return [
    { name: 'generation', groupOfCell: cells.map((c) => GENERATION[bandOf(c)] as number), table: PARTY_BY_GENERATION_2014.rows },
    { name: 'race/ethnicity', groupOfCell: cells.map(raceOf), table: PARTY_BY_RACE_2014.rows },
    { name: 'region', groupOfCell: cells.map(regionOf), table: partyByRegion() },
  ];
}

let religionTables: { probs: number[][]; alias: AliasTable[] } | undefined;
let partyTables: { probs: number[][]; alias: AliasTable[] } | undefined;
let ideologyAlias: AliasTable[] | undefined;

/** P(tradition | cell), columns in TRADITIONS order. */
export function religionByCell(): number[][] {
  religionTables ??= build(fitCells(ADULT_CELLS, religionMargins(), RELIGION_NATIONAL_2014.rows[0] as number[]));
  return religionTables.probs;
}

/** P(party group | cell), columns in PARTY_GROUPS order. */
export function partyByCell(): number[][] {
  partyTables ??= build(fitCells(ADULT_CELLS, partyMargins(), PARTY_NATIONAL_2014.rows[0] as number[]));
  return partyTables.probs;
}

function build(probs: number[][]): { probs: number[][]; alias: AliasTable[] } {
  return { probs, alias: probs.map((p) => new AliasTable(p)) };
}

/** The cell of a person: age band (ages under 18 use the 34-49 band, the parents' generation), race group, region. */
export function cellOf(age: number, race: RaceGroup, region: CensusRegion): number {
  let band = 2;
  if (age >= 18) for (let i = 0; i < AGE_BANDS.length; i++) if (age >= (AGE_BANDS[i] as readonly number[])[0]!) band = i;
  return (band * RACE_GROUPS.length + RACE_GROUPS.indexOf(race)) * REGIONS.length + REGIONS.indexOf(region);
}

/** Draws a religious tradition for a cell (one uniform draw). */
export function drawTradition(cell: number, rng: Rng): Tradition {
  religionByCell();
  return TRADITIONS[(religionTables as { alias: AliasTable[] }).alias[cell]!.draw(rng)] as Tradition;
}

/** Draws a leaned-party group for a cell (one uniform draw). */
export function drawPartyGroup(cell: number, rng: Rng): PartyGroup {
  partyByCell();
  return PARTY_GROUPS[(partyTables as { alias: AliasTable[] }).alias[cell]!.draw(rng)] as PartyGroup;
}

/** Draws an ideology group given the leaned party (one uniform draw). */
export function drawIdeologyGroup(party: PartyGroup, rng: Rng): IdeologyGroup {
  ideologyAlias ??= IDEOLOGY_BY_PARTY_2014.rows.map((r) => new AliasTable(r));
  return IDEOLOGY_GROUPS[ideologyAlias[PARTY_GROUPS.indexOf(party)]!.draw(rng)] as IdeologyGroup;
}
