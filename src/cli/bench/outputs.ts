/**
 * The bench's output files, rewritten whole through a temporary file after every session:
 * `<dir>/results.json` and `<dir>/samples.jsonl` (one line per sample started).
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { resultsJson, sampleLine } from '../../core/bench/export';
import type { BenchRecord } from '../../core/bench/records';
import type { BenchOutcome } from '../../core/bench/runner';
import type { BenchStore } from '../../core/bench/store';
import { writeAtomic } from '../pipeline/file-store';

/** Writes samples.jsonl and results.json; resolves to the results.json object and the number of sample lines. */
export async function writeBenchOutputs(
  store: BenchStore,
  bench: BenchRecord,
  outcome: BenchOutcome,
  dir: string,
): Promise<{ results: Record<string, unknown>; lines: number }> {
  const tmp = join(dir, `samples.jsonl.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w');
  let lines = 0;
  try {
    for await (const s of store.listSamples(bench.id)) {
      writeSync(fd, JSON.stringify(sampleLine(s)) + '\n');
      lines++;
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, 'samples.jsonl'));
  const c = bench.counters;
  const results = resultsJson(bench, outcome.results, {
    status: outcome.status,
    ...(outcome.error ? { error: outcome.error } : {}),
    counts: {
      samples: outcome.samples,
      requests_sent: c.requests,
      calls_from_cache: c.cacheHits,
      session: { requests_sent: outcome.session.requests, answered: outcome.session.answered, calls_from_cache: outcome.session.cacheHits },
      failures: { calls: c.callErrors, unreadable_outputs: c.parseFailures },
      tokens: { prompt: c.promptTokens, completion: c.completionTokens },
    },
    files: { samples: 'samples.jsonl', cache: 'cache.jsonl', store: 'bench-samples.jsonl' },
    updated_at: new Date().toISOString(),
  });
  writeAtomic(join(dir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  return { results, lines };
}
