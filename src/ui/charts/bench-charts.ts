/**
 * PERSONA Bench's figures as Svelte attachments: accuracy per method with its 95% interval (bars with
 * whiskers, as the paper's Figure 10), pass@k curves per method (Figure 12), and the share of summaries
 * that drop each persona attribute (Figure 11); and each as a figure (`figure.ts`) for the one export
 * menu (PNG, SVG, CSV), with the same numbers in percent.
 */
import { LineController, LineElement, PointElement, type Chart, type Plugin } from 'chart.js';
import type { Attachment } from 'svelte/attachments';
import type { BarsFigure, LinesFigure } from './figure';
import { charts, cssVar, inOwnTask } from './setup';

let registered = false;

function ready(): typeof Chart {
  const C = charts();
  if (!registered) {
    C.register(LineController, LineElement, PointElement);
    registered = true;
  }
  return C;
}

/** One colour per series, the same method always the same colour. */
const SERIES_COLOURS = ['#8a8f9c', '#4654c8', '#c8612e', '#2e9c6a', '#a23fb0', '#c8a02e', '#2e8fc8', '#b03f5a'];

/** One bar: a label, a share in [0, 1] and its interval. */
export interface IntervalBar {
  readonly label: string;
  readonly value: number | null;
  readonly interval: readonly [number, number] | null;
}

/** Draws each bar's interval as a whisker with caps. */
function whiskers(bars: readonly IntervalBar[], colour: string): Plugin<'bar'> {
  return {
    id: 'whiskers',
    afterDatasetsDraw(chart) {
      const y = chart.scales.y;
      const { ctx } = chart;
      if (!y) return;
      ctx.save();
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.5;
      chart.getDatasetMeta(0).data.forEach((bar, i) => {
        const iv = bars[i]?.interval;
        if (!iv) return;
        const x = bar.x;
        const top = y.getPixelForValue(iv[1] * 100);
        const bottom = y.getPixelForValue(iv[0] * 100);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, bottom);
        ctx.moveTo(x - 6, top);
        ctx.lineTo(x + 6, top);
        ctx.moveTo(x - 6, bottom);
        ctx.lineTo(x + 6, bottom);
        ctx.stroke();
      });
      ctx.restore();
    },
  };
}

function mount(canvas: HTMLCanvasElement, make: (C: typeof Chart) => Chart): () => void {
  let chart: Chart | undefined;
  const cancel = inOwnTask(() => (chart = make(ready())));
  return () => {
    cancel();
    chart?.destroy();
  };
}

/** Accuracy bars (percent) with 95% interval whiskers. */
export function accuracyChart(bars: readonly IntervalBar[], yTitle = 'accuracy (%)'): Attachment<HTMLCanvasElement> {
  return (canvas) =>
    mount(canvas, (C) => {
      const text = cssVar('--fg', '#1d2030');
      return new C(canvas, {
        type: 'bar',
        data: {
          labels: bars.map((b) => b.label),
          datasets: [
            {
              label: yTitle,
              data: bars.map((b) => (b.value === null ? null : b.value * 100)),
              backgroundColor: bars.map((_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length] as string),
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
                label: (c) => {
                  const iv = bars[c.dataIndex]?.interval;
                  return `${(c.parsed.y ?? 0).toFixed(1)}%${iv ? ` [${(iv[0] * 100).toFixed(1)}, ${(iv[1] * 100).toFixed(1)}]` : ''}`;
                },
              },
            },
          },
          scales: {
            x: { ticks: { color: text, autoSkip: false, maxRotation: 40 } },
            y: { min: 0, max: 100, title: { display: true, text: yTitle, color: text }, ticks: { color: text } },
          },
        },
        plugins: [whiskers(bars, text)],
      });
    });
}

/** One curve: a label and pass@k by k. */
export interface PassCurve {
  readonly label: string;
  readonly values: Readonly<Record<string, number | null>>;
}

/** pass@k curves (percent) over k = 1, 2, 4, 8, 16. */
export function passAtKChart(curves: readonly PassCurve[], ks: readonly number[]): Attachment<HTMLCanvasElement> {
  return (canvas) =>
    mount(canvas, (C) => {
      const text = cssVar('--fg', '#1d2030');
      return new C(canvas, {
        type: 'line',
        data: {
          labels: ks.map(String),
          datasets: curves.map((c, i) => {
            const colour = SERIES_COLOURS[i % SERIES_COLOURS.length] as string;
            return {
              label: c.label,
              data: ks.map((k) => ((c.values[String(k)] ?? null) === null ? null : (c.values[String(k)] as number) * 100)),
              borderColor: colour,
              backgroundColor: colour,
              spanGaps: true,
            };
          }),
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          plugins: { legend: { labels: { color: text, boxWidth: 12 } } },
          scales: {
            x: { title: { display: true, text: 'k (samples)', color: text }, ticks: { color: text } },
            y: { min: 0, max: 100, title: { display: true, text: 'pass@k (%)', color: text }, ticks: { color: text } },
          },
        },
      });
    });
}

/** One attribute's drop share. */
export interface AttributeBar {
  readonly attribute: string;
  readonly dropped_share: number;
  readonly present: number;
}

/** Horizontal bars: the share of summaries that drop each attribute, most dropped first. */
export function attributeChart(rows: readonly AttributeBar[]): Attachment<HTMLCanvasElement> {
  const sorted = [...rows].sort((a, b) => b.dropped_share - a.dropped_share);
  return (canvas) =>
    mount(canvas, (C) => {
      const text = cssVar('--fg', '#1d2030');
      return new C(canvas, {
        type: 'bar',
        data: {
          labels: sorted.map((r) => r.attribute),
          datasets: [
            {
              label: 'summaries that drop it (%)',
              data: sorted.map((r) => r.dropped_share * 100),
              backgroundColor: cssVar('--accent', '#4654c8'),
            },
          ],
        },
        options: {
          indexAxis: 'y',
          animation: false,
          maintainAspectRatio: false,
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { label: (c) => `${(c.parsed.x ?? 0).toFixed(1)}% of ${sorted[c.dataIndex]?.present ?? 0} summaries` } },
          },
          scales: {
            x: {
              min: 0,
              max: 100,
              title: { display: true, text: 'summaries that drop the attribute (%)', color: text },
              ticks: { color: text },
            },
            y: { ticks: { color: text, autoSkip: false, font: { size: 11 } } },
          },
        },
      });
    });
}

const percent = (x: number | null | undefined) => (x === null || x === undefined ? null : x * 100);

/** Accuracy per bar (percent) with its 95% interval, as a figure for export. */
export function accuracyFigure(bars: readonly IntervalBar[], title: string, xTitle = 'method'): BarsFigure {
  return {
    kind: 'bars',
    title,
    categories: bars.map((b) => b.label),
    xTitle,
    yTitle: 'accuracy (%)',
    series: [
      {
        label: 'accuracy (%)',
        values: bars.map((b) => percent(b.value)),
        colour: SERIES_COLOURS[1] as string,
        intervals: bars.map((b) => (b.interval ? ([b.interval[0] * 100, b.interval[1] * 100] as const) : null)),
      },
    ],
    yMin: 0,
    yMax: 100,
  };
}

/** pass@k curves (percent) as a figure for export. */
export function passAtKFigure(curves: readonly PassCurve[], ks: readonly number[], title: string): LinesFigure {
  return {
    kind: 'lines',
    title,
    x: ks,
    xTitle: 'k (samples)',
    yTitle: 'pass@k (%)',
    series: curves.map((c, i) => ({
      label: c.label,
      values: ks.map((k) => percent(c.values[String(k)])),
      colour: SERIES_COLOURS[i % SERIES_COLOURS.length] as string,
    })),
    yMin: 0,
    yMax: 100,
  };
}

/** The share of summaries dropping each attribute (percent), most dropped first, as a figure for export. */
export function attributeFigure(rows: readonly AttributeBar[], title: string): BarsFigure {
  const sorted = [...rows].sort((a, b) => b.dropped_share - a.dropped_share);
  return {
    kind: 'bars',
    title,
    categories: sorted.map((r) => r.attribute),
    xTitle: 'attribute',
    yTitle: 'summaries that drop it (%)',
    series: [{ label: 'summaries that drop it (%)', values: sorted.map((r) => r.dropped_share * 100), colour: '#4654c8' }],
    yMin: 0,
    yMax: 100,
  };
}
