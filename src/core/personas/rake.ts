/**
 * Iterative proportional fitting (Deming & Stephan 1940) of a categorical variable over population
 * cells, so that its distribution within each published subgroup matches the published table.
 *
 * Surveys publish one-way breakdowns (religion by age, by race, by region) but not the joint
 * table. Given the population of every cell (age band x race x region) and those breakdowns, the
 * fit finds P(category | cell) of maximum entropy among those that reproduce every breakdown when
 * the cells are weighted by their population: a log-linear model with main effects only. The
 * tables are first harmonised to one national distribution (each table's implied national figure
 * is raked to it), since tables from different years or rounding never agree exactly.
 */

/** One published breakdown: the category distribution within each group of cells. */
export interface Margin {
  /** A name for messages and documentation. */
  readonly name: string;
  /** The group of each cell (same length as the population). */
  readonly groupOfCell: readonly number[];
  /** Published distribution per group: rows are groups, columns categories (any scale; rows are normalised). */
  readonly table: readonly (readonly number[])[];
}

/** Fit options. */
export interface RakeOptions {
  /** Iteration cap (default 500). */
  readonly maxIterations?: number;
  /** Stop when no cell-category value changes by more than this relative amount (default 1e-10). */
  readonly tolerance?: number;
}

const normalise = (xs: readonly number[]): number[] => {
  const s = xs.reduce((a, b) => a + b, 0);
  return xs.map((x) => x / s);
};

/** Rakes a groups x categories table to row sums `rows` and column sums `cols` (both summing to 1). */
export function rake2d(
  table: readonly (readonly number[])[],
  rows: readonly number[],
  cols: readonly number[],
  iterations = 500,
): number[][] {
  const t = table.map((r, g) => normalise(r).map((x) => Math.max(x, 1e-9) * (rows[g] as number)));
  for (let it = 0; it < iterations; it++) {
    for (let c = 0; c < cols.length; c++) {
      let s = 0;
      for (const row of t) s += row[c] as number;
      const f = s > 0 ? (cols[c] as number) / s : 0;
      for (const row of t) row[c] = (row[c] as number) * f;
    }
    let worst = 0;
    for (let g = 0; g < t.length; g++) {
      const row = t[g] as number[];
      const s = row.reduce((a, b) => a + b, 0);
      const f = s > 0 ? (rows[g] as number) / s : 0;
      worst = Math.max(worst, Math.abs(f - 1));
      for (let c = 0; c < row.length; c++) row[c] = (row[c] as number) * f;
    }
    if (worst < 1e-12) break;
  }
  return t.map((row, g) => row.map((x) => ((rows[g] as number) > 0 ? x / (rows[g] as number) : 0)));
}

/** Population share of each group of a margin. */
function groupShares(population: readonly number[], groupOfCell: readonly number[], groups: number): number[] {
  const out = new Array<number>(groups).fill(0);
  let total = 0;
  population.forEach((w, c) => {
    out[groupOfCell[c] as number] = (out[groupOfCell[c] as number] as number) + w;
    total += w;
  });
  return out.map((x) => x / total);
}

/**
 * Each margin's table raked so that, weighted by the population, it implies `national`
 * (rows sum to 1). These harmonised tables are what the fit reproduces.
 */
export function harmoniseMargins(population: readonly number[], margins: readonly Margin[], national: readonly number[]): number[][][] {
  const nat = normalise(national);
  return margins.map((m) => rake2d(m.table, groupShares(population, m.groupOfCell, m.table.length), nat));
}

/**
 * P(category | cell) for every cell: the maximum-entropy fit whose population-weighted distribution
 * within each margin's groups equals the harmonised tables, each cell keeping its population (a
 * margin of its own in the fit). Cells with no population get the national distribution. When
 * the published tables contradict each other given the population, no exact fit exists and IPF
 * settles on a compromise; `fitResiduals` measures it.
 */
export function fitCells(
  population: readonly number[],
  margins: readonly Margin[],
  national: readonly number[],
  options: RakeOptions = {},
): number[][] {
  const nat = normalise(national);
  const k = nat.length;
  const targets = harmoniseMargins(population, margins, nat);
  const joint = population.map((w) => nat.map((p) => w * p));
  const maxIt = options.maxIterations ?? 500;
  const tol = options.tolerance ?? 1e-10;
  for (let it = 0; it < maxIt; it++) {
    let worst = 0;
    margins.forEach((m, mi) => {
      const groups = m.table.length;
      const sums = Array.from({ length: groups }, () => new Array<number>(k).fill(0));
      const pops = new Array<number>(groups).fill(0);
      joint.forEach((row, c) => {
        const g = m.groupOfCell[c] as number;
        pops[g] = (pops[g] as number) + (population[c] as number);
        row.forEach((x, r) => ((sums[g] as number[])[r] = ((sums[g] as number[])[r] as number) + x));
      });
      const factors = sums.map((row, g) =>
        row.map((s, r) => {
          const want = (pops[g] as number) * ((targets[mi] as number[][])[g]?.[r] ?? 0);
          return s > 0 ? want / s : 1;
        }),
      );
      joint.forEach((row, c) => {
        const f = factors[m.groupOfCell[c] as number] as number[];
        for (let r = 0; r < k; r++) {
          worst = Math.max(worst, Math.abs((f[r] as number) - 1));
          row[r] = (row[r] as number) * (f[r] as number);
        }
      });
    });
    joint.forEach((row, c) => {
      const s = row.reduce((a, b) => a + b, 0);
      const f = s > 0 ? (population[c] as number) / s : 1;
      worst = Math.max(worst, Math.abs(f - 1));
      for (let r = 0; r < k; r++) row[r] = (row[r] as number) * f;
    });
    if (worst < tol) break;
  }
  return joint.map((row, c) => ((population[c] as number) > 0 ? normalise(row) : nat.slice()));
}

/** The largest absolute difference, per margin, between the fit's group distributions and the harmonised tables. */
export function fitResiduals(
  population: readonly number[],
  margins: readonly Margin[],
  national: readonly number[],
  fit: readonly (readonly number[])[],
): number[] {
  const targets = harmoniseMargins(population, margins, national);
  return margins.map((m, mi) => {
    let worst = 0;
    m.table.forEach((_, g) => {
      const acc = new Array<number>(national.length).fill(0);
      let w = 0;
      population.forEach((p, c) => {
        if (m.groupOfCell[c] !== g) return;
        w += p;
        (fit[c] as number[]).forEach((x, r) => (acc[r] = (acc[r] as number) + p * x));
      });
      acc.forEach((x, r) => (worst = Math.max(worst, Math.abs(x / w - ((targets[mi] as number[][])[g]?.[r] ?? 0)))));
    });
    return worst;
  });
}
