/**
 * Issue #3 persona benchmarks: the whole generator (census sampler, added attributes, every hard
 * rule) over the embedded census model, in Node. Each figure is the median of several runs after
 * a warm-up, so it measures steady-state speed, not module loading.
 */
import { defaultCensusSource } from '../src/core/personas/census-source';
import { generatePersonas } from '../src/core/personas/generate';
import { median, type Bench } from './types';

async function timeRuns(count: number, runs: number): Promise<{ value: number; detail: string }> {
  const source = await defaultCensusSource();
  generatePersonas(source, { seed: 'warm-up', count: Math.min(count, 5000) });
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    generatePersonas(source, { seed: `bench-${r}`, count });
    times.push(performance.now() - t);
  }
  return { value: median(times), detail: `median of ${runs} runs: ${times.map((t) => t.toFixed(1)).join(', ')} ms` };
}

/** The persona suites. */
export async function personaBenches(): Promise<readonly Bench[]> {
  return [
    {
      id: 'personas.generate-1586',
      issue: 3,
      title: 'Generate 1,586 personas (Node)',
      unit: 'ms',
      target: 50,
      run: () => timeRuns(1586, 9),
    },
    {
      id: 'personas.generate-100k',
      issue: 3,
      title: 'Generate 100,000 personas (Node)',
      unit: 's',
      target: 3,
      run: async () => {
        const r = await timeRuns(100_000, 3);
        return { value: r.value / 1000, detail: r.detail };
      },
    },
  ];
}
