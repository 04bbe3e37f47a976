/**
 * Box plots of kappa per attribute (the paper's Figure 5) as a Svelte attachment, drawn by
 * @sgratzl/chartjs-chart-boxplot from the raw kappas of each attribute.
 */
import type { Attachment } from 'svelte/attachments';
import { charts, cssVar, inOwnTask } from './setup';

/** One box: an attribute and its defined kappas. */
export interface BoxSeries {
  /** Attribute name. */
  readonly label: string;
  /** Defined kappas. */
  readonly values: readonly number[];
}

/** The attachment. */
export function boxplot(series: readonly BoxSeries[], title: string): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    inOwnTask(() => void charts()); // registration, the first time, in a task of its own
    const text = cssVar('--fg', '#1d2030');
    const accent = cssVar('--accent', '#4654c8');
    let chart: { destroy(): void } | undefined;
    const cancel = inOwnTask(() => {
      chart = new (charts())(canvas, {
        type: 'boxplot',
        data: {
          labels: series.map((s) => s.label),
          datasets: [
            {
              label: title,
              data: series.map((s) => [...s.values]),
              backgroundColor: `${accent}55`,
              borderColor: accent,
              borderWidth: 1,
              outlierBackgroundColor: accent,
              // Whiskers from the minimum to the maximum, as the table beside the chart and its SVG export.
              coef: 0,
            },
          ],
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          scales: {
            x: { ticks: { color: text, autoSkip: false, maxRotation: 70 } },
            y: { min: -1, max: 1, title: { display: true, text: "Cohen's kappa", color: text }, ticks: { color: text } },
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
