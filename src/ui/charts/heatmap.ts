/**
 * The pairwise agreement heatmap as a Svelte attachment (`{@attach heatmap(data)}`): raters on both
 * axes, each cell the statistic of a pair, its value written in it. As in the paper's Figures 6
 * and 8, the lower triangle is blacked out so every matrix shares one scale and no pair shows twice.
 * Undefined values are grey and read "—". Axes carry the raters' short labels (a legend beside the
 * chart names them); after each draw the canvas says how many cells it drew and how large
 * (`data-cells`, `data-cell-size`), so a test can tell that every cell is on screen.
 */
import type { Attachment } from 'svelte/attachments';
import type { ChartConfiguration, Plugin } from 'chart.js';
import type { MatrixRater } from './figure';
import { cellColour } from './figure-svg';
import { charts, cssVar, inOwnTask } from './setup';

/** What the heatmap shows. */
export interface HeatmapData {
  /** The raters in matrix order: axes show `short`, tooltips `name`. */
  readonly raters: readonly MatrixRater[];
  /** Row-major values, raters.length²; null where undefined. */
  readonly values: readonly (number | null)[];
  /** The value at the bottom of the colour scale (−1 for kappa, 0 for percent). */
  readonly min: number;
  /** Accessible name of the canvas. */
  readonly title: string;
}

interface Cell {
  x: string;
  y: string;
  v: number | null;
  blank: boolean;
}

/** Writes each cell's value in it. */
const labelsPlugin: Plugin<'matrix'> = {
  id: 'cellLabels',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const meta = chart.getDatasetMeta(0);
    const data = chart.data.datasets[0]!.data as unknown as Cell[];
    ctx.save();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.font = '11px system-ui, sans-serif';
    meta.data.forEach((el, i) => {
      const cell = data[i]!;
      if (cell.blank) return;
      const { x, y, width, height } = el.getProps(['x', 'y', 'width', 'height'], true) as {
        x: number;
        y: number;
        width: number;
        height: number;
      };
      if (width < 22 || height < 12) return;
      ctx.font = `${width >= 38 ? 11 : 10}px system-ui, sans-serif`;
      ctx.fillStyle = cell.v !== null && cell.v > 0.65 ? '#fff' : '#1d2030';
      ctx.fillText(cell.v === null ? '—' : cell.v.toFixed(2), x + width / 2, y + height / 2);
    });
    ctx.restore();
    let drawn = 0;
    let smallest = Infinity;
    for (const el of meta.data) {
      const { width, height } = el.getProps(['width', 'height'], true) as { width: number; height: number };
      if (width >= 2 && height >= 2) drawn++;
      smallest = Math.min(smallest, width, height);
    }
    chart.canvas.dataset.cells = String(drawn);
    chart.canvas.dataset.cellSize = String(Math.floor(smallest));
  },
};

/** The attachment. */
export function heatmap(d: HeatmapData): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    inOwnTask(() => void charts()); // registration, the first time, in a task of its own
    const n = d.raters.length;
    const labels = d.raters.map((r) => r.short);
    const names = new Map(d.raters.map((r) => [r.short, r.name]));
    const cells: Cell[] = [];
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++) cells.push({ x: labels[c]!, y: labels[r]!, v: d.values[r * n + c] ?? null, blank: r > c });
    const grid = cssVar('--line', '#e2e4ec');
    const text = cssVar('--fg', '#1d2030');
    const config: ChartConfiguration<'matrix', Cell[], string> = {
      type: 'matrix',
      data: {
        datasets: [
          {
            label: d.title,
            data: cells,
            backgroundColor: cells.map((cell) => (cell.blank ? '#000' : cellColour(cell.v, d.min))),
            borderColor: grid,
            borderWidth: 1,
            width: ({ chart }) => (chart.chartArea?.width ?? 0) / n - 1,
            height: ({ chart }) => (chart.chartArea?.height ?? 0) / n - 1,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: () => '',
              label: (ctx) => {
                const cell = ctx.raw as Cell;
                return cell.blank
                  ? ''
                  : `${names.get(cell.y)} × ${names.get(cell.x)}: ${cell.v === null ? 'undefined' : cell.v.toFixed(3)}`;
              },
            },
          },
        },
        scales: {
          x: {
            type: 'category',
            labels: [...labels],
            offset: true,
            position: 'top',
            grid: { display: false },
            ticks: { color: text, autoSkip: false, maxRotation: 60 },
          },
          y: {
            type: 'category',
            labels: [...labels],
            offset: true,
            reverse: false,
            grid: { display: false },
            ticks: { color: text, autoSkip: false },
          },
        },
      },
      plugins: [labelsPlugin],
    };
    let chart: { destroy(): void } | undefined;
    const cancel = inOwnTask(() => (chart = new (charts())(canvas, config)));
    return () => {
      cancel();
      chart?.destroy();
    };
  };
}
