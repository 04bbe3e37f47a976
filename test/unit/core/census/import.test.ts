/** PUMS CSV import: malformed files are refused with file, line and column; real files build. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importPumsFiles, type ImportResult } from '../../../../src/core/census/import-files';
import type { CensusModelData } from '../../../../src/core/census/model';
import { createCensusSampler } from '../../../../src/core/census/index';
import { Rng } from '../../../../src/core/random';

const P_HEADER =
  'RT,SERIALNO,DIVISION,SPORDER,PUMA,REGION,ST,ADJINC,PWGTP,AGEP,CIT,COW,DEAR,DEYE,DREM,ENG,FER,HICOV,HISP,INDP,LANX,MAR,MIL,OCCP,PINCP,RAC1P,SCHL,SEX,DIS,ESR';
const H_HEADER = 'RT,SERIALNO,DIVISION,PUMA,REGION,ST,ADJINC,WGTP,NP,HHL,HHT';
// A 45-year-old employed man (householder) and his 12-year-old daughter, then a 70-year-old retired woman in group quarters.
const P_ROWS = [
  'P,2018HU0000001,1,01,00100,1,50,1013097,80,45,1,1,2,2,2,,,1,01,7860,2,1,4,2310,52000,1,21,1,2,1',
  'P,2018HU0000001,1,02,00100,1,50,1013097,85,12,1,,2,2,2,,,1,01,,2,5,,,,1,10,2,2,',
  'P,2018GQ0000002,1,01,00100,1,50,1013097,30,70,1,,2,2,2,,,1,01,,2,2,4,,18000,1,16,2,2,6',
];
const H_ROWS = ['H,2018HU0000001,1,00100,1,50,1013097,80,2,1,2', 'H,2018GQ0000002,1,00100,1,50,1013097,0,1,,'];

const file = (name: string, lines: readonly string[]) => new File([lines.join('\n') + '\n'], name, { type: 'text/csv' });
const run = (...files: File[]) => importPumsFiles(files, () => {});
const failure = (r: ImportResult) => (r.ok ? undefined : r.failure);

describe('PUMS CSV import', () => {
  it('builds a model from a person and a housing file', async () => {
    const r = await run(file('psam_p50.csv', [P_HEADER, ...P_ROWS]), file('psam_h50.csv', [H_HEADER, ...H_ROWS]));
    expect(failure(r)).toBeUndefined();
    if (!r.ok) return;
    expect(r.meta.records).toBe(3);
    expect(r.meta.weightedTotal).toBe(195);
    expect(r.meta.households).toBe(2);
    expect(r.meta.adjinc).toBe(true);
    const model = JSON.parse(r.json) as CensusModelData;
    const s = createCensusSampler(model);
    const rng = new Rng(1);
    for (let i = 0; i < 50; i++) expect([45, 12, 70]).toContain(s.sample(rng).attributes.age);
  });

  it.each([
    [
      'a wrong header',
      [file('psam_p50.csv', ['RT,SERIALNO,AGEP,SEX', 'P,1,40,1'])],
      { file: 'psam_p50.csv', line: 1, column: 0 },
      /neither PWGTP/,
    ],
    [
      'a person header without RAC1P',
      [file('p.csv', [P_HEADER.replace('RAC1P', 'RACE'), P_ROWS[0]!.replace(',1,21,', ',1,21,')])],
      { file: 'p.csv', line: 1, column: 0 },
      /no RAC1P column/,
    ],
    [
      'a ragged row',
      [file('p.csv', [P_HEADER, P_ROWS[0]!, P_ROWS[1]!.split(',').slice(0, 20).join(',')])],
      { file: 'p.csv', line: 3, column: 21 },
      /20 fields, the header 30/,
    ],
    [
      'a non-numeric code',
      [file('p.csv', [P_HEADER, P_ROWS[0]!, P_ROWS[1]!.replace(',12,1,', ',twelve,1,')])],
      { file: 'p.csv', line: 3, column: 10 },
      /AGEP is "twelve"/,
    ],
    [
      'a missing SERIALNO',
      [file('p.csv', [P_HEADER, P_ROWS[0]!.replace('2018HU0000001', '')])],
      { file: 'p.csv', line: 2, column: 2 },
      /SERIALNO is empty/,
    ],
    [
      'housing without persons',
      [file('psam_h50.csv', [H_HEADER, ...H_ROWS])],
      { file: 'psam_h50.csv', line: 1, column: 0 },
      /without any person file/,
    ],
    [
      'housing that matches no person',
      [file('p.csv', [P_HEADER, ...P_ROWS]), file('h.csv', [H_HEADER, H_ROWS[0]!.replace('0000001', '0009999')])],
      { file: 'h.csv', line: 1, column: 0 },
      /no person record matches/,
    ],
    ['an empty file', [file('p.csv', [''])], { file: 'p.csv', line: 1, column: 0 }, /empty/],
  ])('refuses %s, naming file, line and column', async (_what, files, where, message) => {
    const f = failure(await run(...files));
    expect(f).toMatchObject(where);
    expect(f?.message).toMatch(message);
    expect(f?.message).toContain(where.file);
  });

  for (const st of ['50', '56']) {
    const path = `../shared/data/census/pums-2018-1yr-sample/psam_p${st}.csv`;
    it.skipIf(!existsSync(path))(
      `builds from the census.gov file psam_p${st}.csv (reads ${path})`,
      async () => {
        const text = readFileSync(path);
        const r = await run(new File([text], `psam_p${st}.csv`));
        expect(failure(r)).toBeUndefined();
        if (!r.ok) return;
        expect(r.meta.records).toBeGreaterThan(5000);
        expect(r.meta.states).toEqual([Number(st)]);
        // No housing file: household type and language come from the default model.
        expect(r.meta.borrowed).toContain('HHT');
        const model = JSON.parse(r.json) as CensusModelData;
        const s = createCensusSampler(model);
        const rng = new Rng(st);
        for (let i = 0; i < 200; i++) expect(s.sample(rng).codes.ST).toBe(Number(st));
      },
      60_000,
    );
  }
});
