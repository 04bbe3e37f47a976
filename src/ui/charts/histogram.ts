/**
 * A histogram of kappas over personas (the paper's Figures 7 and 9) as a Svelte attachment.
 * Bins of width 0.1 over [−1, 1]; undefined kappas are not binned (the caption counts them).
 */
import type { Attachment } from 'svelte/attachments';
import type { BarsFigure } from './figure';
import { charts, cssVar, inOwnTask } from './setup';

/** Bin edges: −1.0, −0.9, …, 1.0 (20 bins; 1.0 falls in the last). */
const BIN_EDGES = Array.from({ length: 21 }, (_, i) => Math.round((-1 + i * 0.1) * 10) / 10);

/** Counts per bin of the defined values. */
function binKappas(values: readonly (number | null)[]): number[] {
  const counts = new Array<number>(20).fill(0);
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    const i = Math.min(19, Math.max(0, Math.floor((v + 1) / 0.1 + 1e-9)));
    counts[i]!++;
  }
  return counts;
}

/** The histogram as a figure for export: one bar per bin, the personas whose kappa is undefined left out (as on screen). */
export function histogramFigure(values: readonly (number | null)[], title: string): BarsFigure {
  return {
    kind: 'bars',
    title,
    categories: BIN_EDGES.slice(0, 20).map((e) => e.toFixed(1)),
    xTitle: "Cohen's kappa (bin start)",
    yTitle: 'personas',
    series: [{ label: 'personas', values: binKappas(values), colour: '#4654c8' }],
  };
}

/** The attachment: one histogram. */
export function histogram(values: readonly (number | null)[], title: string): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    inOwnTask(() => void charts()); // registration, the first time, in a task of its own
    const text = cssVar('--fg', '#1d2030');
    let chart: { destroy(): void } | undefined;
    const cancel = inOwnTask(() => {
      chart = new (charts())(canvas, {
        type: 'bar',
        data: {
          labels: BIN_EDGES.slice(0, 20).map((e) => e.toFixed(1)),
          datasets: [
            {
              label: title,
              data: binKappas(values),
              backgroundColor: cssVar('--accent', '#4654c8'),
              barPercentage: 1,
              categoryPercentage: 1,
            },
          ],
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          plugins: { legend: { display: false }, title: { display: false } },
          scales: {
            x: {
              title: { display: true, text: "Cohen's kappa (bin start)", color: text },
              ticks: { color: text, maxRotation: 0, autoSkip: true },
            },
            y: { title: { display: true, text: 'personas', color: text }, beginAtZero: true, ticks: { color: text, precision: 0 } },
          },
        },
      });
    });
    return () => {
      cancel();
      chart?.destroy();
    };
  };
}
