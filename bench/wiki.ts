/**
 * Issue #13's benchmarks: the WikiPersonas study's orchestration (templates, the call path and its
 * cache, the reward and diversity filters, brackets, prefixes, evaluation, and the stores) per model
 * call with an instant scripted model, in Node over the CLI's files and in headless Chromium over
 * IndexedDB; and ROUGE's throughput on persona-length texts, as Table 2 computes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../src/cli/pipeline/file-store';
import { FileWikiStore } from '../src/cli/wiki/file-wiki-store';
import { rouge } from '../src/core/wiki/rouge';
import { median, type Bench } from './types';
import { BENCH_PEOPLE, benchStudy } from './wiki-fixture';
import { onBenchPage } from './dev-page';

/** A whole study in a fresh directory, over the CLI's files. */
async function nodeStudy(people: readonly string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'persona-lab-wiki-bench-'));
  const calls = new FileStore(dir);
  try {
    return await benchStudy(new FileWikiStore(dir), calls, people);
  } finally {
    calls.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function browserOverhead(): Promise<{ value: number; detail: string }> {
  return onBenchPage('wiki.html', '__wikiBench', ['dexie', 'papaparse'], async (page) => {
    await page.evaluate(() => window.__wikiBench!(1)); // warm-up
    const r = await page.evaluate((n) => window.__wikiBench!(n), BENCH_PEOPLE.length);
    return {
      value: r.ms / (r.calls + r.scores),
      detail: `${r.calls} generations + ${r.scores} scores, ${r.pairs} pairs in ${(r.ms / 1000).toFixed(2)} s (IndexedDB: every answer, score and result stored as it is made)`,
    };
  });
}

/** A persona-like text of `n` words from a small vocabulary (so ROUGE finds overlaps, as between real personas). */
function words(n: number, seed: number): string {
  const vocab = ['the', 'user', 'values', 'family', 'politics', 'health', 'detailed', 'answers', 'prefers', 'community', 'faith', 'sports'];
  return Array.from(
    { length: n },
    (_, i) => `${vocab[(i * 7 + seed * 13 + ((i * seed) % 5)) % vocab.length]}${i % 9 === 0 ? ',' : ''}`,
  ).join(' ');
}

/** The suite. */
export function wikiBenches(): Bench[] {
  return [
    {
      id: 'wiki.overhead-node',
      issue: 13,
      unit: 'ms/call',
      target: 1,
      title: 'WikiPersonas orchestration + persistence per model call, Node (the CLI files, instant model)',
      async run() {
        await nodeStudy(['rand-paul']); // warm-up
        const r = await nodeStudy(BENCH_PEOPLE);
        return {
          value: r.ms / (r.calls + r.scores),
          detail: `${r.calls} generations + ${r.scores} scores, ${r.pairs} pairs in ${(r.ms / 1000).toFixed(2)} s (the paper's recipe: 50 candidates, reward and diversity filters, 8 prefixes; records.jsonl and cache.jsonl appended per result)`,
        };
      },
    },
    {
      id: 'wiki.overhead-browser',
      issue: 13,
      unit: 'ms/call',
      target: 1,
      title: 'WikiPersonas orchestration + persistence per model call, headless Chromium (IndexedDB, instant model)',
      run: browserOverhead,
    },
    {
      id: 'wiki.rouge-throughput',
      issue: 13,
      unit: 'µs/pair',
      title: 'ROUGE-1 + ROUGE-L F1 of a 260-word prefix against a 200-word persona gold (Table 2)',
      async run() {
        const preds = Array.from({ length: 200 }, (_, i) => words(260, i));
        const refs = Array.from({ length: 200 }, (_, i) => words(200, i + 1000));
        const pass = () => {
          const t0 = performance.now();
          for (let i = 0; i < preds.length; i++) {
            rouge(preds[i]!, refs[i]!, 'rouge1');
            rouge(preds[i]!, refs[i]!, 'rougeL');
          }
          return ((performance.now() - t0) * 1000) / preds.length;
        };
        pass();
        const runs = Array.from({ length: 5 }, pass);
        const us = median(runs);
        return { value: us, detail: `${(1e6 / us).toFixed(0)} pairs/s; median of 5 passes over 200 pairs` };
      },
    },
  ];
}
