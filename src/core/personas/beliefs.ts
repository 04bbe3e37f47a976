/**
 * Religion and party drawn conditioned on the person's age band, race/Hispanic origin and census
 * region, fitted (./rake.ts) to the published breakdowns in ./figures, weighted by the ACS adult
 * population of every cell (./figures/population.ts). Religion is then shifted by national origin
 * (./figures/heritage.ts); ideology is drawn given the party identification, leaners apart.
 * Tables are built once, on first use.
 */
import { AliasTable, type Rng } from '../random';
import { ADULT_CELLS, STATE_ADULTS } from './figures/population';
import { HERITAGE_TILTS, type HeritageKey } from './figures/heritage';
import {
  IDEOLOGY_BY_PARTY_ID,
  IDEOLOGY_GROUPS,
  PARTY_IDS,
  PARTY_BY_GENERATION_2014,
  PARTY_BY_RACE_2014,
  PARTY_BY_STATE_2014,
  PARTY_GROUPS,
  PARTY_NATIONAL_2014,
  type IdeologyGroup,
  type PartyGroup,
  type PartyId,
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
function partyByRegion(): number[][] {
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

/**
 * Draws a religious tradition for a cell, shifted by the person's heritage when it has a tilt
 * (assumption tilts only for people born abroad; one uniform draw).
 */
export function drawTradition(cell: number, rng: Rng, heritage?: HeritageKey, foreignBorn = false): Tradition {
  religionByCell();
  const found = heritage === undefined ? undefined : HERITAGE_TILTS[heritage];
  const tilt = found && (!found.foreignBornOnly || foreignBorn) ? found : undefined;
  const alias = tilt ? tiltedAlias(cell, heritage as HeritageKey) : (religionTables as { alias: AliasTable[] }).alias[cell]!;
  return TRADITIONS[alias.draw(rng)] as Tradition;
}

const tilted = new Map<number, AliasTable>();

function tiltedAlias(cell: number, heritage: HeritageKey): AliasTable {
  const key = cell * 64 + HERITAGE_INDEX.get(heritage)!;
  let t = tilted.get(key);
  if (!t) tilted.set(key, (t = new AliasTable(tiltedShares(religionByCell()[cell]!, heritage))));
  return t;
}
const HERITAGE_INDEX = new Map(Object.keys(HERITAGE_TILTS).map((h, i) => [h as HeritageKey, i]));

/**
 * A cell's tradition shares shifted by a heritage (figures/heritage.ts): a tradition with a target
 * is multiplied by target / reference, the others by (1 - targets) / (1 - references), then the row
 * is renormalised. Without a reference the targets are absolute: those traditions get exactly their
 * target and the rest share what is left in the cell's proportions.
 */
export function tiltedShares(shares: readonly number[], heritage: HeritageKey): number[] {
  const tilt = HERITAGE_TILTS[heritage];
  if (!tilt) return [...shares];
  const target = (t: Tradition) => tilt.targets[t];
  const listed = TRADITIONS.filter((t) => target(t) !== undefined);
  const sumTarget = listed.reduce((a, t) => a + target(t)! / 100, 0);
  let out: number[];
  if (tilt.reference) {
    const ref = (t: Tradition) => (tilt.reference![t] ?? 0) / 100;
    const sumRef = listed.reduce((a, t) => a + ref(t), 0);
    const rest = (1 - sumTarget) / (1 - sumRef);
    out = shares.map((p, i) => {
      const t = TRADITIONS[i] as Tradition;
      return target(t) === undefined ? p * rest : ref(t) > 0 ? (p * target(t)!) / 100 / ref(t) : target(t)! / 100;
    });
  } else {
    const restShare = shares.reduce((a, p, i) => a + (target(TRADITIONS[i] as Tradition) === undefined ? p : 0), 0);
    out = shares.map((p, i) => {
      const t = TRADITIONS[i] as Tradition;
      return target(t) === undefined ? (restShare > 0 ? (p * (1 - sumTarget)) / restShare : 0) : target(t)! / 100;
    });
  }
  const total = out.reduce((a, b) => a + b, 0);
  return out.map((p) => p / total);
}

/** Draws a leaned-party group for a cell (one uniform draw). */
export function drawPartyGroup(cell: number, rng: Rng): PartyGroup {
  partyByCell();
  return PARTY_GROUPS[(partyTables as { alias: AliasTable[] }).alias[cell]!.draw(rng)] as PartyGroup;
}

/** Draws an ideology group given the party identification, leaners apart (one uniform draw). */
export function drawIdeologyGroup(party: PartyId, rng: Rng): IdeologyGroup {
  ideologyAlias ??= IDEOLOGY_BY_PARTY_ID.rows.map((r) => new AliasTable(r));
  return IDEOLOGY_GROUPS[ideologyAlias[PARTY_IDS.indexOf(party)]!.draw(rng)] as IdeologyGroup;
}
