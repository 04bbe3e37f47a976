/**
 * An --out folder holds one run's results (pairs.jsonl, run.json). Writing another configuration's
 * run there would silently replace them, so it is refused unless --force is given.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PipelineStore } from '../../core/pipeline/store';

/** The run whose results the folder holds: run.json's, else the stored run records'; undefined for a new folder. */
async function resultsOf(store: PipelineStore, dir: string, runId: string): Promise<string | undefined> {
  const path = join(dir, 'run.json');
  if (existsSync(path)) {
    try {
      const r = JSON.parse(readFileSync(path, 'utf8')) as { runId?: unknown };
      if (typeof r.runId === 'string') return r.runId;
    } catch {
      // an unreadable run.json is rewritten by this run
    }
  }
  const ids = (await store.listRuns()).map((r) => r.id);
  return ids.length && !ids.includes(runId) ? ids.join(', ') : undefined;
}

/** Rejects when `dir` holds another run's results and `force` is not set; with `force`, says what is replaced. */
export async function checkOutDir(
  store: PipelineStore,
  dir: string,
  runId: string,
  force: boolean,
  warn: (m: string) => void,
): Promise<void> {
  const held = await resultsOf(store, dir, runId);
  if (held === undefined || held === runId) return;
  if (force) {
    warn(
      `--force: ${dir} held the results of ${held}; its pairs.jsonl and run.json are replaced by this run's (its items and call cache stay).`,
    );
    return;
  }
  throw new Error(
    `${dir} holds the results of another configuration (${held}; this one is ${runId}). ` +
      'Give another --out, or add --force to write this run there (its pairs.jsonl and run.json would be replaced).',
  );
}
