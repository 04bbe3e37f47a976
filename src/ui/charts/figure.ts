/**
 * A chart as data, apart from how it is drawn: what every export of the app is made from. Chart.js
 * draws the page's canvases; `figure-svg.ts` draws the same figure as SVG (and, through it, PNG),
 * and `figureCsv` writes the data behind it. A figure names raters, personas and attributes by the
 * labels people read and keeps raw ids in its CSV.
 */
import { csvTable, type CsvCell } from '../../core/records/csv-write';

/** One series of bars: a value per category, optionally with an interval (whiskers). */
interface BarSeries {
  /** The legend's name. */
  readonly label: string;
  /** One value per category; null where undefined (no bar). */
  readonly values: readonly (number | null)[];
  /** A CSS colour. */
  readonly colour: string;
  /** Per category, the interval drawn as a whisker, or null. */
  readonly intervals?: readonly (readonly [number, number] | null)[];
}

/** Bars by category, one group per category when there are several series (histograms, census comparisons, accuracies). */
export interface BarsFigure {
  readonly kind: 'bars';
  readonly title: string;
  /** The categories, in order (the x axis). */
  readonly categories: readonly string[];
  /** The x axis' title, also the CSV's first column. */
  readonly xTitle: string;
  /** The y axis' title. */
  readonly yTitle: string;
  readonly series: readonly BarSeries[];
  /** The y axis' range; from the data (and 0) when absent. */
  readonly yMin?: number;
  readonly yMax?: number;
}

/** One line: a value per x. */
interface LineSeries {
  readonly label: string;
  /** One value per x; null where undefined (a gap). */
  readonly values: readonly (number | null)[];
  readonly colour: string;
}

/** Lines over numbered x values (pass@k curves). */
export interface LinesFigure {
  readonly kind: 'lines';
  readonly title: string;
  /** The x values, increasing. */
  readonly x: readonly number[];
  readonly xTitle: string;
  readonly yTitle: string;
  readonly series: readonly LineSeries[];
  readonly yMin?: number;
  readonly yMax?: number;
}

/** One box: the values and their five-number summary. */
interface Box {
  readonly label: string;
  /** Every value (the CSV's rows). */
  readonly values: readonly number[];
  /** min, q1, median, q3, max; null when there is no value. */
  readonly five: readonly [number, number, number, number, number] | null;
}

/** Box plots, whiskers from minimum to maximum (leave-one-out kappas per attribute). */
export interface BoxesFigure {
  readonly kind: 'boxes';
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly boxes: readonly Box[];
  readonly colour: string;
  readonly yMin: number;
  readonly yMax: number;
}

/** One row (and column) of a matrix. */
export interface MatrixRater {
  /** The raw id, kept in the CSV. */
  readonly id: string;
  /** The name people read (a display name, or the id). */
  readonly name: string;
  /** The axis label: the name when short, else a code such as "J1" the legend explains. */
  readonly short: string;
}

/** A pairwise matrix with the lower triangle blanked (PERSONA Figures 6 and 8). */
export interface MatrixFigure {
  readonly kind: 'matrix';
  readonly title: string;
  /** The statistic, the CSV's name for the values. */
  readonly statistic: string;
  readonly raters: readonly MatrixRater[];
  /** Row-major, raters.length²; null where undefined. */
  readonly values: readonly (number | null)[];
  /** The bottom of the colour scale (−1 for kappa, 0 for percent agreement). */
  readonly min: number;
}

/** Any figure of the app. */
export type Figure = BarsFigure | LinesFigure | BoxesFigure | MatrixFigure;

/** The data behind a figure as CSV (raw ids for matrices; numbers as numbers; empty cells where undefined). */
export function figureCsv(f: Figure): string {
  switch (f.kind) {
    case 'bars': {
      const columns = [f.xTitle, ...f.series.flatMap((s) => (s.intervals ? [s.label, `${s.label} low`, `${s.label} high`] : [s.label]))];
      const rows = f.categories.map((c, i) => [
        c,
        ...f.series.flatMap((s): CsvCell[] => {
          const v = s.values[i] ?? null;
          if (!s.intervals) return [v];
          const iv = s.intervals[i] ?? null;
          return [v, iv?.[0] ?? null, iv?.[1] ?? null];
        }),
      ]);
      return csvTable(columns, rows);
    }
    case 'lines':
      return csvTable(
        [f.xTitle, ...f.series.map((s) => s.label)],
        f.x.map((x, i) => [x, ...f.series.map((s) => s.values[i] ?? null)]),
      );
    case 'boxes':
      return csvTable(
        [f.xTitle, f.yTitle],
        f.boxes.flatMap((b) => b.values.map((v) => [b.label, v])),
      );
    case 'matrix': {
      const n = f.raters.length;
      return csvTable(
        ['rater', 'name', ...f.raters.map((r) => r.id)],
        f.raters.map((r, i) => [r.id, r.name, ...f.raters.map((_, j) => f.values[i * n + j] ?? null)]),
      );
    }
  }
}

/** A file name's stem from a figure's title: "Cohen's kappa, judges" → "cohens-kappa-judges". */
export function figureFileStem(title: string): string {
  const stem = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f'’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return stem.slice(0, 80) || 'figure';
}
