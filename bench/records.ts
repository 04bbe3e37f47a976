/**
 * The record reader at scale (issue #10's one reader, #9's hygiene): reading and checking a large
 * persona file and a large label file in Node, as the compute worker does in the page. Reported
 * figures (no target): each is the median of three runs after a warm-up.
 */
import { importLabelFile } from '../src/core/judging/label-import';
import { defaultCensusSource } from '../src/core/personas/census-source';
import { generatePersonas } from '../src/core/personas/generate';
import { readPersonaFile, toJsonl } from '../src/core/personas/io';
import { median, type Bench } from './types';

async function timed(runs: number, fn: () => Promise<unknown>): Promise<{ value: number; detail: string }> {
  await fn();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { value: median(times) / 1000, detail: `median of ${runs} runs: ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s` };
}

/** The record reader suites. */
export async function recordBenches(): Promise<readonly Bench[]> {
  return [
    {
      id: 'records.personas-100k-jsonl',
      issue: 10,
      title: 'Read and check 100,000 personas (JSONL, Node)',
      unit: 's',
      run: async () => {
        const text = toJsonl(generatePersonas(await defaultCensusSource(), { seed: 'records', count: 100_000 }));
        const bytes = new TextEncoder().encode(text);
        const r = await timed(3, async () => {
          const read = await readPersonaFile('bench.jsonl', bytes);
          if (!read.ok) throw new Error('the bench file does not read');
        });
        return { value: r.value, detail: `${(bytes.length / 1e6).toFixed(0)} MB; ${r.detail}` };
      },
    },
    {
      id: 'records.labels-300k-csv',
      issue: 10,
      title: 'Import 300,000 labels (long CSV, 100,000 pairs × 3 raters, Node)',
      unit: 's',
      run: async () => {
        const rows = ['pair_id,rater,choice,persona_id,rater_kind'];
        for (let i = 0; i < 100_000; i++)
          for (const r of ['judge-1', 'judge-2', 'judge-3'])
            rows.push(`p${i},${r},${(i * 7 + r.length) % 3 ? 'a' : 'b'},P${i % 1586},model`);
        const bytes = new TextEncoder().encode(rows.join('\r\n') + '\r\n');
        const r = await timed(3, async () => {
          const out = await importLabelFile('bench.csv', bytes, 1);
          if (out.status !== 'ok') throw new Error('the bench file does not import');
        });
        return { value: r.value, detail: `${(bytes.length / 1e6).toFixed(1)} MB; ${r.detail}` };
      },
    },
  ];
}
