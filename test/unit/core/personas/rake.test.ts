import { describe, expect, it } from 'vitest';
import { fitCells, harmoniseMargins, rake2d } from '../../../../src/core/personas/rake';

describe('raking', () => {
  it('rakes a 2x2 table to its margins (hand-checked example)', () => {
    // Seed [[1,1],[1,1]] with rows (0.6, 0.4) and columns (0.5, 0.5): independence, so each cell
    // is row x column: [[0.3,0.3],[0.2,0.2]]; as row proportions [[0.5,0.5],[0.5,0.5]].
    expect(
      rake2d(
        [
          [1, 1],
          [1, 1],
        ],
        [0.6, 0.4],
        [0.5, 0.5],
      ),
    ).toEqual([
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
    // Seed [[2,1],[1,2]] (odds ratio 4) to rows (0.5,0.5) and columns (0.6,0.4): the fit keeps the
    // odds ratio: x/(0.5-x) * (0.1+x)/(0.4-x)... solved numerically, check margins and odds ratio.
    const t = rake2d(
      [
        [2, 1],
        [1, 2],
      ],
      [0.5, 0.5],
      [0.6, 0.4],
    );
    const joint = t.map((r) => r.map((x) => x * 0.5));
    expect(joint[0]![0]! + joint[1]![0]!).toBeCloseTo(0.6, 10);
    expect(joint[0]![1]! + joint[1]![1]!).toBeCloseTo(0.4, 10);
    expect((joint[0]![0]! * joint[1]![1]!) / (joint[0]![1]! * joint[1]![0]!)).toBeCloseTo(4, 8);
  });

  it('reproduces consistent margins exactly and falls back to the national figure for empty cells', () => {
    // 4 cells: a 2 (age) x 2 (region) grid with populations; categories yes/no.
    const population = [30, 20, 10, 40, 0];
    const age = {
      name: 'age',
      groupOfCell: [0, 0, 1, 1, 0],
      table: [
        [0.5, 0.5],
        [0.4, 0.6],
      ],
    };
    const region = {
      name: 'region',
      groupOfCell: [0, 1, 0, 1, 1],
      table: [
        [0.48, 0.52],
        [0.44, 0.56],
      ],
    };
    // National implied by the age table: 0.5*0.5 + 0.5*0.4 = 0.45; by the region table
    // 0.4*0.48 + 0.6*0.44 = 0.456, so the region table is harmonised to 0.45 first.
    const national = [0.45, 0.55];
    const fit = fitCells(population, [age, region], national);
    const targets = harmoniseMargins(population, [age, region], national);
    for (const [mi, m] of [age, region].entries()) {
      for (let g = 0; g < 2; g++) {
        let w = 0;
        let yes = 0;
        population.forEach((p, c) => {
          if (m.groupOfCell[c] !== g) return;
          w += p;
          yes += p * fit[c]![0]!;
        });
        expect(yes / w).toBeCloseTo(targets[mi]![g]![0]!, 6);
      }
    }
    expect(targets[0]![0]![0]).toBeCloseTo(0.5, 6);
    expect(targets[1]![0]![0]).toBeLessThan(0.48);
    expect(fit[4]).toEqual([0.45, 0.55]);
  });
});
