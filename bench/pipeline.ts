/**
 * Issue #4's benchmarks: orchestration plus persistence per call with an instant scripted engine
 * (Node over the CLI's file store; headless Chromium over IndexedDB), memory over a 10,000-call run,
 * and LLM calls and tokens per finished pair for the paper's recipe and the shared-y_l default.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FileStore } from '../src/cli/pipeline/file-store';
import { MemoryStore } from '../src/core/pipeline/store';
import { templateOf } from '../test/doubles/scripted-client';
import type { GenerateRequest } from '../src/core/llm/types';
import { benchRun } from './pipeline-fixture';
import type { Bench } from './types';
import { onBenchPage } from './dev-page';

function tempStore(): { store: FileStore; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'persona-lab-bench-'));
  const store = new FileStore(dir);
  return { store, done: () => (store.close(), rmSync(dir, { recursive: true, force: true })) };
}

function gc(): () => void {
  setFlagsFromString('--expose_gc');
  return runInNewContext('gc') as () => void;
}
const heapMb = () => process.memoryUsage().heapUsed / 2 ** 20;

/** Outputs of about the length a small instruct model writes, so token counts mean something (1 token = 1 word here). */
function realistic(r: GenerateRequest): string {
  const words = (n: number, w: string) => Array.from({ length: n }, (_, i) => `${w}${i % 7}`).join(' ');
  switch (templateOf(r)) {
    case 'critique':
      return `EVALUATION: ${words(70, 'eval')} SUGGESTIONS: ${words(50, 'sugg')}\nDONE`;
    case 'revise':
      return `REVISED PREFERENCE: ${words(110, 'rev')}\nDONE`;
    case 'judge': {
      const a = /ANSWER A:\n(\S+)/.exec(r.messages.at(-1)?.content ?? '')?.[1] ?? '';
      return JSON.stringify({ preferred: a.startsWith('rev') ? 'A' : 'B', reason: words(20, 'because') });
    }
    default:
      return words(180, 'answer');
  }
}

async function perPair(mode: 'shared' | 'per-pair') {
  const r = await benchRun(new MemoryStore(), { personas: 50, judges: 1, yl: { mode, samples: 1 }, respond: realistic });
  const c = r.outcome.counters;
  const pairs = r.outcome.pairs.done;
  return {
    calls: r.calls / pairs,
    tokens: (c.promptTokens + c.completionTokens) / pairs,
    pairs,
    detail: `${pairs} pairs, ${r.calls} calls (${c.ylCalls} base answers), ${((c.promptTokens + c.completionTokens) / pairs).toFixed(0)} tokens/pair (prompt ${(c.promptTokens / pairs).toFixed(0)} + completion ${(c.completionTokens / pairs).toFixed(0)}; 1 judge, both orders; scripted outputs of ~180/120/110/20 words)`,
  };
}

async function browserOverhead(): Promise<{ value: number; detail: string }> {
  return onBenchPage('pipeline.html', '__pipelineBench', ['dexie'], async (page) => {
    await page.evaluate(() => window.__pipelineBench!(5)); // warm-up
    const r = await page.evaluate(() => window.__pipelineBench!(150));
    return {
      value: r.ms / r.calls,
      detail: `${r.calls} calls, ${r.pairs} pairs in ${(r.ms / 1000).toFixed(2)} s (IndexedDB, checkpoint after every call, 4 pairs at once)`,
    };
  });
}

/** The suite. */
export async function pipelineBenches(): Promise<Bench[]> {
  let paper: Awaited<ReturnType<typeof perPair>> | undefined;
  let shared: Awaited<ReturnType<typeof perPair>> | undefined;
  return [
    {
      id: 'pipeline.overhead-node',
      issue: 4,
      unit: 'ms/call',
      target: 1,
      title: 'Pipeline orchestration + persistence per call, Node (file store, instant engine)',
      async run() {
        const warm = tempStore();
        await benchRun(warm.store, { personas: 5, judges: 1, yl: { mode: 'shared', samples: 1 } });
        warm.done();
        const t = tempStore();
        try {
          const r = await benchRun(t.store, { personas: 150, judges: 1, yl: { mode: 'shared', samples: 1 } });
          return {
            value: r.ms / r.calls,
            detail: `${r.calls} calls, ${r.outcome.pairs.done} pairs in ${(r.ms / 1000).toFixed(2)} s (append-only logs, checkpoint after every call)`,
          };
        } finally {
          t.done();
        }
      },
    },
    {
      id: 'pipeline.overhead-browser',
      issue: 4,
      unit: 'ms/call',
      target: 1,
      title: 'Pipeline orchestration + persistence per call, headless Chromium (IndexedDB)',
      run: browserOverhead,
    },
    {
      id: 'pipeline.memory-10k',
      issue: 4,
      unit: 'MB',
      target: 5,
      title: 'Heap growth over the second half of a 10,000-call run (Node, file store)',
      async run() {
        const collect = gc();
        const t = tempStore();
        try {
          collect();
          const start = heapMb();
          let middle: number | undefined;
          const r = await benchRun(t.store, {
            personas: 300,
            judges: 1,
            yl: { mode: 'shared', samples: 1 },
            onProgress: (p) => {
              if (middle === undefined && p.requests >= 5000) {
                collect();
                middle = heapMb();
              }
            },
          });
          collect();
          const end = heapMb();
          const mid = middle ?? end;
          return {
            value: end - mid,
            detail: `${r.calls} calls; heap after GC: start ${start.toFixed(1)} MB, middle ${mid.toFixed(1)} MB, end ${end.toFixed(1)} MB`,
          };
        } finally {
          t.done();
        }
      },
    },
    {
      id: 'pipeline.calls-per-pair-paper',
      issue: 4,
      unit: 'calls/pair',
      title: "LLM calls per finished pair, the paper's recipe (one y_l per pair)",
      async run() {
        paper ??= await perPair('per-pair');
        return { value: paper.calls, detail: paper.detail };
      },
    },
    {
      id: 'pipeline.calls-per-pair-shared',
      issue: 4,
      unit: 'calls/pair',
      title: 'LLM calls per finished pair, shared y_l (default)',
      async run() {
        shared ??= await perPair('shared');
        return { value: shared.calls, detail: shared.detail };
      },
    },
    {
      id: 'pipeline.tokens-per-pair-paper',
      issue: 4,
      unit: 'tokens/pair',
      title: "Tokens per finished pair, the paper's recipe",
      async run() {
        paper ??= await perPair('per-pair');
        return { value: paper.tokens, detail: paper.detail };
      },
    },
    {
      id: 'pipeline.tokens-per-pair-shared',
      issue: 4,
      unit: 'tokens/pair',
      title: 'Tokens per finished pair, shared y_l (default)',
      async run() {
        shared ??= await perPair('shared');
        return { value: shared.tokens, detail: shared.detail };
      },
    },
  ];
}
