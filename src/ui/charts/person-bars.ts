/**
 * Reward accuracy per person (WikiPersonas, equity in the spirit of Figure 6) as a Svelte
 * attachment: horizontal bars, one row per person in the order given (the least served first), one
 * bar per prefix, with the random-guess line at 50%.
 */
import type { Attachment } from 'svelte/attachments';
import { charts, cssVar, inOwnTask } from './setup';

/** One series: a prefix's accuracy per person (null where none). */
export interface PersonSeries {
  /** The prefix, as the legend names it. */
  readonly label: string;
  /** Accuracy in [0, 1] per person, in the rows' order. */
  readonly values: readonly (number | null)[];
}

/** Bar colours per series, readable on light and dark backgrounds. */
export const PERSON_COLOURS = ['#4654c8', '#d9822b', '#2a9d8f', '#b5179e', '#8d99ae', '#e63946', '#6a994e', '#f4a261'];

/** Pixels a chart of `people` rows and `series` bars per row needs. */
export function personBarsHeight(people: number, series: number): number {
  return Math.max(160, people * Math.max(1, series) * 9 + people * 8 + 70);
}

/** The attachment. */
export function personBars(names: readonly string[], series: readonly PersonSeries[]): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    inOwnTask(() => void charts()); // registration, the first time, in a task of its own
    const text = cssVar('--fg', '#1d2030');
    const grid = cssVar('--line', '#e2e4ec');
    let chart: { destroy(): void } | undefined;
    const cancel = inOwnTask(() => {
      chart = new (charts())(canvas, {
        type: 'bar',
        data: {
          labels: [...names],
          datasets: series.map((s, i) => ({
            label: s.label,
            data: s.values.map((v) => (v === null ? null : v * 100)),
            backgroundColor: PERSON_COLOURS[i % PERSON_COLOURS.length],
            barPercentage: 0.9,
            categoryPercentage: 0.85,
          })),
        },
        options: {
          indexAxis: 'y',
          animation: false,
          maintainAspectRatio: false,
          plugins: {
            legend: { position: 'top', labels: { color: text, boxWidth: 12 } },
            tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${(c.parsed.x ?? 0).toFixed(0)}%` } },
          },
          scales: {
            x: {
              min: 0,
              max: 100,
              title: { display: true, text: 'reward accuracy (%; 50 = random guess)', color: text },
              ticks: { color: text },
              grid: { color: (c) => (c.tick.value === 50 ? text : grid) },
            },
            y: { ticks: { color: text, autoSkip: false, font: { size: 11 } }, grid: { display: false } },
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
