/**
 * The census comparison chart of one attribute (PERSONA Figures 2 and 13) as a Svelte attachment:
 * the persona set's share of each category beside the census model's, as grouped bars.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { Attachment } from 'svelte/attachments';
import type { AttributeComparison } from '../../core/personas/compare';
import type { BarsFigure } from './figure';

let registered = false;

/** A CSS custom property of the page (charts follow the light or dark theme). */
function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** Shortens a long dictionary label for an axis tick. */
function tick(label: string): string {
  return label.length > 28 ? `${label.slice(0, 27)}…` : label;
}

/** The comparison as a figure for export: the two shares of each category, in percent. */
export function comparisonFigure(row: AttributeComparison, setLabel = 'Persona set', censusLabel = 'Census model'): BarsFigure {
  return {
    kind: 'bars',
    title: `${row.key}: ${setLabel.toLowerCase()} and ${censusLabel.toLowerCase()}`,
    categories: row.categories,
    xTitle: row.key,
    yTitle: '% of people',
    series: [
      { label: setLabel, values: row.set.map((x) => x * 100), colour: '#4654c8' },
      { label: censusLabel, values: row.census.map((x) => x * 100), colour: '#9aa3b5' },
    ],
  };
}

/** The attachment: grouped bars of the set's and the census model's shares, in percent. */
export function comparisonBars(
  row: AttributeComparison,
  setLabel = 'Persona set',
  censusLabel = 'Census model',
): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    if (!registered) {
      Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);
      registered = true;
    }
    const text = cssVar('--fg', '#1d2030');
    const grid = cssVar('--line', '#e2e4ec');
    const chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: row.categories.map(tick),
        datasets: [
          { label: setLabel, data: row.set.map((x) => x * 100), backgroundColor: cssVar('--accent', '#4654c8') },
          { label: censusLabel, data: row.census.map((x) => x * 100), backgroundColor: '#9aa3b5' },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: {
          legend: { labels: { color: text, boxWidth: 12 } },
          tooltip: {
            callbacks: {
              title: (items) => row.categories[items[0]?.dataIndex ?? 0] ?? '',
              label: (c) => `${c.dataset.label}: ${(c.parsed.y ?? 0).toFixed(1)}%`,
            },
          },
        },
        scales: {
          x: { ticks: { color: text, autoSkip: false, maxRotation: 60, minRotation: 0, font: { size: 10 } }, grid: { display: false } },
          y: {
            beginAtZero: true,
            title: { display: true, text: '% of people', color: text },
            ticks: { color: text },
            grid: { color: grid },
          },
        },
      },
    });
    return () => chart.destroy();
  };
}
