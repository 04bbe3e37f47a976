/**
 * The persona figure tables against the stored copies they were compared with (addresses in
 * docs/personas.md, "Where the figures come from"), and the derived rows against their derivation.
 */
import { describe, expect, it } from 'vitest';
import { STATE_ADULTS } from '../../../../src/core/personas/figures/population';
import {
  IDEOLOGY_BY_PARTY_2014,
  PARTISAN_SHARE_2014,
  PARTY_BY_GENERATION_2014,
  PARTY_BY_RACE_2014,
  PARTY_BY_STATE_2014,
  PARTY_NATIONAL_2014,
} from '../../../../src/core/personas/figures/party';
import {
  RELIGION_BY_GENERATION_2014,
  RELIGION_BY_RACE_2014,
  RELIGION_BY_REGION_2007,
  RELIGION_NATIONAL_2014,
  TRADITIONS,
} from '../../../../src/core/personas/figures/religion';

/**
 * Pew RLS 2014, "Political ideology among democrats and Democratic leaners by state (2014)",
 * legacy.pewresearch.org/religion/religious-landscape-study/compare/political-ideology/by/state/among/party-affiliation/democrat-lean-dem:
 * [state FIPS, conservative, moderate, liberal, don't know] for the 41 rows of the stored copy
 * (Alabama to South Dakota; Kansas has no row). "< 1%" is entered as 0.5.
 */
const DEMOCRAT_IDEOLOGY_BY_STATE: readonly (readonly [number, number, number, number, number])[] = [
  [1, 34, 38, 24, 4],
  [2, 9, 39, 52, 0.5],
  [4, 16, 38, 40, 5],
  [5, 26, 46, 21, 8],
  [6, 19, 34, 44, 3],
  [8, 10, 39, 49, 2],
  [9, 20, 38, 43, 0.5],
  [10, 15, 48, 34, 4],
  [11, 14, 39, 45, 3],
  [12, 24, 34, 37, 4],
  [13, 24, 37, 34, 4],
  [15, 18, 48, 33, 1],
  [16, 15, 42, 43, 0.5],
  [17, 16, 38, 43, 3],
  [18, 22, 34, 38, 6],
  [19, 18, 35, 45, 2],
  [21, 24, 36, 35, 5],
  [22, 37, 30, 27, 5],
  [23, 12, 37, 50, 1],
  [24, 13, 36, 45, 6],
  [25, 14, 27, 54, 4],
  [26, 19, 36, 42, 4],
  [27, 12, 34, 49, 5],
  [28, 31, 38, 29, 3],
  [29, 19, 37, 37, 7],
  [30, 13, 39, 46, 2],
  [31, 14, 34, 46, 7],
  [32, 19, 44, 35, 1],
  [33, 12, 43, 43, 2],
  [34, 17, 38, 41, 4],
  [35, 18, 44, 35, 3],
  [36, 16, 36, 44, 4],
  [37, 23, 35, 38, 4],
  [38, 24, 36, 40, 0.5],
  [39, 26, 37, 35, 2],
  [40, 18, 43, 36, 4],
  [41, 12, 34, 52, 3],
  [42, 17, 41, 37, 5],
  [44, 10, 36, 52, 1],
  [45, 24, 45, 27, 4],
  [46, 22, 44, 29, 5],
];

/**
 * Pew RLS 2014 subgroup tables (stored copies; addresses in RELIGION_BY_RACE_2014.verification):
 * per race group, rows of [Buddhist, Catholic, Evangelical, Hindu, Historically Black Protestant,
 * Jehovah's Witness, Jewish, Mainline, Mormon, Muslim, Orthodox, Other Christian, Other Faiths,
 * Other World Religions, Unaffiliated, Don't know, sample size] by ideology (Asians: by generation).
 */
const L = 0.5;
const RACE_SUBGROUP_ROWS: Record<string, readonly (readonly number[])[]> = {
  White: [
    [L, 19, 44, L, L, L, 1, 19, 3, L, 1, L, 1, L, 10, L, 9886],
    [L, 21, 22, L, L, L, 3, 22, 2, 1, 1, L, 2, L, 26, L, 8170],
    [1, 15, 13, L, L, L, 5, 16, 1, 1, L, L, 4, L, 42, 1, 5724],
    [1, 11, 28, L, L, 5, 1, 17, 1, 1, L, L, 2, L, 30, 2, 1120],
  ],
  Black: [
    [L, 5, 16, L, 59, 1, L, 3, L, 2, L, L, L, L, 12, L, 1000],
    [L, 5, 13, L, 54, 1, L, 5, L, 2, 1, L, L, L, 19, L, 1215],
    [L, 4, 12, L, 50, 1, 1, 5, L, 2, L, 1, 1, L, 22, L, 900],
    [L, 8, 12, L, 42, 10, L, 4, L, 2, L, L, 1, L, 20, 1, 279],
  ],
  Asian: [
    [7, 13, 8, 10, L, L, L, 7, L, 6, L, L, L, 5, 42, 2, 171],
    [5, 10, 10, 27, L, L, L, 2, 2, 6, L, L, L, 4, 33, 2, 221],
    [4, 16, 11, 23, L, L, 1, 5, L, 9, 1, L, 1, 2, 27, L, 246],
    [10, 29, 13, 6, L, L, 3, 6, L, 3, L, L, L, 3, 26, 2, 212],
  ],
  Latino: [
    [L, 50, 25, L, 2, 1, 1, 6, 1, L, L, L, L, L, 13, L, 1184],
    [1, 46, 20, L, 1, 1, 1, 6, 1, L, L, L, 1, L, 21, L, 1218],
    [1, 48, 15, L, 1, 1, L, 5, 1, L, L, L, 1, L, 27, L, 1103],
    [L, 44, 18, L, 1, 9, L, 5, L, L, L, L, 1, L, 20, 1, 309],
  ],
};

/**
 * Pew RLS 2014, "Generational cohort by religious group" (stored copy:
 * legacy.pewresearch.org/religion/religious-landscape-study/generational-cohort): % of each
 * tradition in [Younger Millennial, Older Millennial, Gen X, Baby Boomer, Silent, Greatest]
 * ("< 1%" entered as 0.5) and the sample size. Other Christian, other faiths and don't know have
 * no row.
 */
const GENERATION_BY_TRADITION: Readonly<Record<string, readonly number[]>> = {
  buddhist: [23, 17, 23, 30, 7, L, 259],
  catholic: [11, 11, 28, 35, 13, 2, 7061],
  evangelical: [11, 12, 28, 35, 14, 1, 8417],
  hindu: [14, 36, 40, 8, 1, L, 194],
  historicallyBlack: [12, 14, 30, 33, 10, 1, 1873],
  jehovahsWitness: [10, 10, 29, 33, 17, 1, 238],
  jewish: [13, 13, 23, 33, 15, 3, 825],
  mainline: [10, 10, 25, 36, 17, 2, 5946],
  latterDaySaint: [14, 17, 31, 26, 11, 1, 651],
  muslim: [29, 22, 31, 15, 4, L, 234],
  orthodox: [18, 16, 32, 25, 8, 1, 177],
  unaffiliated: [22, 22, 28, 22, 5, L, 7437],
};

/**
 * Religion by generation by Bayes' rule: P(tradition | generation) is proportional to
 * P(generation | tradition) x P(tradition), with the national 2014 row for P(tradition). Traditions
 * without a row take the generation mix of the rest; atheists, agnostics and "nothing in particular"
 * (with don't know) all take the generation mix of the unaffiliated row.
 * Generations: Millennials (both), Gen X, Boomers, Silent and Greatest.
 */
function religionByGenerationFromStoredTables(): number[][] {
  const national = Object.fromEntries(TRADITIONS.map((t, i) => [t, RELIGION_NATIONAL_2014.rows[0]![i]!]));
  const unaffiliated = national.atheist! + national.agnostic! + national.nothingInParticular!;
  const four = (r: readonly number[]) => {
    const s = r.slice(0, 6).reduce((a, b) => a + b, 0);
    return [(r[0]! + r[1]!) / s, r[2]! / s, r[3]! / s, (r[4]! + r[5]!) / s];
  };
  const weight = (t: string) => (t === 'unaffiliated' ? unaffiliated : national[t]!);
  const listed = Object.keys(GENERATION_BY_TRADITION);
  const listedTotal = listed.reduce((s, t) => s + weight(t), 0);
  const mix = [0, 1, 2, 3].map((g) => listed.reduce((s, t) => s + four(GENERATION_BY_TRADITION[t]!)[g]! * weight(t), 0) / listedTotal);
  return [0, 1, 2, 3].map((g) => {
    const joint = TRADITIONS.map((t) => {
      if (t === 'atheist' || t === 'agnostic' || t === 'nothingInParticular')
        return four(GENERATION_BY_TRADITION.unaffiliated!)[g]! * national[t]!;
      const row = GENERATION_BY_TRADITION[t];
      return (row ? four(row)[g]! : mix[g]!) * national[t]!;
    });
    const total = joint.reduce((a, b) => a + b, 0);
    return joint.map((x) => (100 * x) / total);
  });
}

describe('persona figure tables', () => {
  it('derive religion by generation from the stored generation-by-tradition table (Bayes)', () => {
    const derived = religionByGenerationFromStoredTables();
    RELIGION_BY_GENERATION_2014.rows.forEach((row, g) =>
      row.forEach((x, i) => expect(Math.abs(x - derived[g]![i]!), `${g} ${TRADITIONS[i]}`).toBeLessThan(0.051)),
    );
  });

  it('agree with the race rows derived from the stored RLS subgroup tables, cell by cell within 2 points', () => {
    for (const [group, rows] of Object.entries(RACE_SUBGROUP_ROWS)) {
      const n = rows.reduce((s, r) => s + r[16]!, 0);
      const mix = Array.from({ length: 16 }, (_, j) => rows.reduce((s, r) => s + r[j]! * r[16]!, 0) / n);
      const total = mix.reduce((a, b) => a + b, 0);
      const p = mix.map((x) => (100 * x) / total);
      // Into TRADITIONS order; the unaffiliated (with don't know) compared as one column.
      const derived = [
        p[2],
        p[7],
        p[4],
        p[1],
        p[8],
        p[10],
        p[5],
        p[11],
        p[6],
        p[9],
        p[0],
        p[3],
        p[12]! + p[13]!,
        p[14]! + p[15]!,
      ] as number[];
      const row = RELIGION_BY_RACE_2014.rows[RELIGION_BY_RACE_2014.groups.indexOf(group)]!;
      const entered = [...row.slice(0, 13), row[13]! + row[14]! + row[15]!];
      entered.forEach((x, i) => expect(Math.abs(x - derived[i]!), `${group} column ${i}`).toBeLessThan(2));
    }
  });

  it("derive the Democratic ideology row from the stored state rows, weighted by each state's Democrats", () => {
    const sums = [0, 0, 0, 0];
    let total = 0;
    for (const [fips, ...shares] of DEMOCRAT_IDEOLOGY_BY_STATE) {
      const democrats = ((STATE_ADULTS[fips] ?? 0) * ((PARTY_BY_STATE_2014.rows[fips] as readonly number[])[2] as number)) / 100;
      const rowTotal = shares.reduce((a, b) => a + b, 0);
      shares.forEach((x, i) => (sums[i] = (sums[i] as number) + (democrats * x) / rowTotal));
      total += democrats;
    }
    const derived = sums.map((x) => (100 * x) / total);
    IDEOLOGY_BY_PARTY_2014.rows[2]!.forEach((x, i) => expect(Math.abs(x - derived[i]!), `column ${i}`).toBeLessThan(0.05));
  });

  it("keep the verified national party figures and partisan shares of Pew's 2014 totals", () => {
    // pewresearch.org/politics/2015/04/07/party-identification-trends-1992-2014/, 2014 rows.
    expect(PARTY_NATIONAL_2014.rows[0]).toEqual([39, 13, 48]);
    expect(PARTISAN_SHARE_2014.democrat * 48).toBeCloseTo(32, 10);
    expect(PARTISAN_SHARE_2014.republican * 39).toBeCloseTo(23, 10);
    // Millennials 35 R / 51 D and Silent 47 R / 43 D; Latino 26/56 and Asian 23/65; White 49 R; Black 80 D.
    expect([PARTY_BY_GENERATION_2014.rows[0]![0], PARTY_BY_GENERATION_2014.rows[0]![2]]).toEqual([35, 51]);
    expect([PARTY_BY_GENERATION_2014.rows[3]![0], PARTY_BY_GENERATION_2014.rows[3]![2]]).toEqual([47, 43]);
    expect([PARTY_BY_RACE_2014.rows[3]![0], PARTY_BY_RACE_2014.rows[3]![2]]).toEqual([26, 56]);
    expect([PARTY_BY_RACE_2014.rows[2]![0], PARTY_BY_RACE_2014.rows[2]![2]]).toEqual([23, 65]);
    expect(PARTY_BY_RACE_2014.rows[0]![0]).toBe(49);
    expect(PARTY_BY_RACE_2014.rows[1]![2]).toBe(80);
    expect(Object.keys(PARTY_BY_STATE_2014.rows)).toHaveLength(51);
  });

  it('have rows of percentages that close to 100 and say how each table was verified', () => {
    const tables = [
      RELIGION_NATIONAL_2014,
      RELIGION_BY_GENERATION_2014,
      RELIGION_BY_RACE_2014,
      RELIGION_BY_REGION_2007,
      PARTY_NATIONAL_2014,
      PARTY_BY_GENERATION_2014,
      PARTY_BY_RACE_2014,
      IDEOLOGY_BY_PARTY_2014,
    ];
    for (const t of tables) {
      expect(t.verification.length, t.source).toBeGreaterThan(40);
      expect(t.rows).toHaveLength(t.groups.length);
      for (const row of t.rows) expect(Math.abs(row.reduce((a, b) => a + b, 0) - 100), t.source).toBeLessThan(3);
    }
    expect(RELIGION_NATIONAL_2014.rows[0]).toHaveLength(TRADITIONS.length);
    for (const row of Object.values(PARTY_BY_STATE_2014.rows)) expect(Math.abs(row[0] + row[1] + row[2] - 100)).toBeLessThanOrEqual(1);
  });
});
