/**
 * Issue #12's benchmarks: PERSONA Bench's orchestration plus persistence per call with an instant
 * scripted engine, in Node over the CLI's file store and in headless Chromium over IndexedDB (target
 * ≤ 1 ms per call, as for runs), and the size of the CLI's sample log per sample.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBenchStore } from '../src/cli/bench/bench-file-store';
import { benchBench } from './bench-persona-fixture';
import type { Bench } from './types';
import { onBenchPage } from './dev-page';

function tempStore(): { store: FileBenchStore; dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'persona-lab-bench-'));
  const store = new FileBenchStore(dir);
  return { store, dir, done: () => (store.close(), rmSync(dir, { recursive: true, force: true })) };
}

async function nodeRun() {
  const warm = tempStore();
  await benchBench(warm.store, { personas: 5, samples: 2 });
  warm.done();
  const t = tempStore();
  try {
    const r = await benchBench(t.store, { personas: 300, samples: 2 });
    const log = statSync(join(t.dir, 'bench-samples.jsonl')).size;
    return { ...r, logBytes: log };
  } finally {
    t.done();
  }
}

async function browserOverhead(): Promise<{ value: number; detail: string }> {
  return onBenchPage('persona-bench.html', '__personaBench', ['dexie', 'papaparse'], async (page) => {
    await page.evaluate(() => window.__personaBench!(3)); // warm-up
    const r = await page.evaluate(() => window.__personaBench!(60));
    return {
      value: r.ms / r.calls,
      detail: `${r.calls} calls, ${r.samples} samples in ${(r.ms / 1000).toFixed(2)} s (IndexedDB, checkpoint after every call, 4 samples at once)`,
    };
  });
}

/** The suite. */
export async function personaBenchBenches(): Promise<Bench[]> {
  let node: Awaited<ReturnType<typeof nodeRun>> | undefined;
  return [
    {
      id: 'persona-bench.overhead-node',
      issue: 12,
      unit: 'ms/call',
      target: 1,
      title: 'PERSONA Bench orchestration + persistence per call, Node (file store, instant engine)',
      async run() {
        node ??= await nodeRun();
        return {
          value: node.ms / node.calls,
          detail: `${node.calls} calls, ${node.outcome.samples.done} samples (300 personas × 2 prompts × 4 methods × 2) in ${(node.ms / 1000).toFixed(2)} s`,
        };
      },
    },
    {
      id: 'persona-bench.overhead-browser',
      issue: 12,
      unit: 'ms/call',
      target: 1,
      title: 'PERSONA Bench orchestration + persistence per call, headless Chromium (IndexedDB)',
      run: browserOverhead,
    },
    {
      id: 'persona-bench.log-per-sample',
      issue: 12,
      unit: 'KB/sample',
      title: "The CLI's sample log (bench-samples.jsonl) per sample, scripted outputs",
      async run() {
        node ??= await nodeRun();
        return {
          value: node.logBytes / 1024 / node.outcome.samples.total,
          detail: `${(node.logBytes / 2 ** 20).toFixed(1)} MB for ${node.outcome.samples.total} samples`,
        };
      },
    },
  ];
}
