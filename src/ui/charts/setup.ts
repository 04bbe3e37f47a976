/**
 * Chart.js with only the pieces the statistics views use, registered once: bars (histograms),
 * the matrix controller (kappa heatmaps, chartjs-chart-matrix) and box plots
 * (@sgratzl/chartjs-chart-boxplot).
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { BoxAndWiskers, BoxPlotController } from '@sgratzl/chartjs-chart-boxplot';

let done = false;

/** Chart, ready to use. */
export function charts(): typeof Chart {
  if (!done) {
    Chart.register(
      BarController,
      BarElement,
      CategoryScale,
      LinearScale,
      Tooltip,
      Legend,
      MatrixController,
      MatrixElement,
      BoxPlotController,
      BoxAndWiskers,
    );
    done = true;
    warmUp();
  }
  return Chart;
}

/** Draws and drops a tiny chart, so Chart.js's one-time costs (fonts, first layout) fall in the registration task. */
function warmUp(): void {
  if (typeof document === 'undefined') return;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 10;
  const chart = new Chart(canvas, {
    type: 'bar',
    data: { labels: ['a'], datasets: [{ data: [1] }] },
    options: { animation: false, responsive: false },
  });
  chart.destroy();
}

/** A CSS custom property's value (chart colours follow the page's light or dark theme). */
export function cssVar(name: string, fallback: string): string {
  if (typeof getComputedStyle !== 'function') return fallback;
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

const queue: Array<() => void> = [];
let draining = false;

/**
 * Runs `create` in a task of its own, after the charts queued before it: a page that shows many
 * charts at once (one histogram per judge) draws them one per task instead of in one long task.
 * Returns a cancel function for attachments to call when they are removed first.
 */
export function inOwnTask(create: () => void): () => void {
  let cancelled = false;
  queue.push(() => {
    if (!cancelled) create();
  });
  if (!draining) {
    draining = true;
    const step = () => {
      const next = queue.shift();
      next?.();
      if (queue.length) setTimeout(step, 0);
      else draining = false;
    };
    setTimeout(step, 0);
  }
  return () => (cancelled = true);
}

/** Pays Chart.js's one-time costs early, in a task of its own (pages with charts call it on mount). */
export function prepareCharts(): void {
  inOwnTask(() => void charts());
}
