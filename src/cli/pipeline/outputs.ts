/**
 * The CLI's output files: `<dir>/pairs.jsonl` (one TRL line per finished pair) and `<dir>/run.json`
 * (the manifest, the counts, and the judge results when the run has judges). Both are rewritten
 * whole, through a temporary file renamed when complete, after every session.
 */
import { join } from 'node:path';
import { exportPairs } from '../../core/pipeline/export-formats';
import { JudgeTally, readPairs, type JudgeSummary } from '../../core/pipeline/pairs';
import type { RunOutcome } from '../../core/pipeline/runner';
import type { RunRecord } from '../../core/pipeline/records';
import type { PipelineStore } from '../../core/pipeline/store';
import { AtomicFile, writeFileAtomic } from '../output-files';

/** The summary written to run.json (and, without the manifest, to stdout). */
export interface RunSummary {
  readonly runId: string;
  readonly status: RunOutcome['status'];
  readonly error?: string;
  readonly counts: {
    readonly pairs: RunOutcome['pairs'];
    readonly requestsSent: number;
    readonly callsFromCache: number;
    readonly session: { readonly requestsSent: number; readonly answered: number; readonly callsFromCache: number };
    /** Failed calls and unreadable outputs (all sessions); failed pairs, and those of them a resume tries again. */
    readonly failures: {
      readonly calls: number;
      readonly unreadableOutputs: number;
      readonly pairs: number;
      readonly pairsToRetry: number;
    };
    /**
     * Answers cut off at the token limit (`outputs`, including those a larger budget then completed) and
     * pairs with an answer still cut off (`pairs`: failed, or a verdict missing; left out of the judge statistics).
     */
    readonly truncated: { readonly outputs: number; readonly pairs: number };
    readonly tokens: { readonly prompt: number; readonly completion: number };
    readonly baseAnswers: {
      readonly mode: string;
      readonly slots: number;
      readonly pairs: number;
      readonly calls: number;
      readonly callsSavedBySharing: number;
    };
  };
  /** Lines in pairs.jsonl: pairs with both y_l and y_w. */
  readonly pairsWritten: number;
  readonly judge?: readonly JudgeSummary[];
  readonly failedPairs: ReadonlyArray<{
    readonly pair_id: string;
    readonly persona_id: string;
    readonly prompt_id: string;
    readonly error: string;
  }>;
}

/** Writes pairs.jsonl and run.json; returns the summary. */
export async function writeOutputs(store: PipelineStore, run: RunRecord, outcome: RunOutcome, dir: string): Promise<RunSummary> {
  const pairs = new AtomicFile(join(dir, 'pairs.jsonl'), 'pairs file');
  let written: number;
  try {
    written = await exportPairs(store, run.id, 'trl', (chunk) => pairs.write(chunk));
    pairs.commit();
  } finally {
    pairs.abort();
  }
  const tally = new JudgeTally();
  const failedPairs: RunSummary['failedPairs'][number][] = [];
  for await (const p of readPairs(store, run.id)) {
    tally.add(p);
    if (p.status === 'failed' && failedPairs.length < 100)
      failedPairs.push({ pair_id: p.id, persona_id: p.personaId, prompt_id: p.promptId, error: p.error ?? 'failed' });
  }
  const c = outcome.counters;
  const summary: RunSummary = {
    runId: run.id,
    status: outcome.status,
    ...(outcome.error ? { error: outcome.error } : {}),
    counts: {
      pairs: outcome.pairs,
      requestsSent: c.requests,
      callsFromCache: c.cacheHits,
      session: { requestsSent: outcome.session.requests, answered: outcome.session.answered, callsFromCache: outcome.session.cacheHits },
      failures: {
        calls: c.callErrors,
        unreadableOutputs: c.parseFailures,
        pairs: outcome.pairs.failed,
        pairsToRetry: outcome.retryableFailed,
      },
      truncated: { outputs: c.truncatedOutputs, pairs: tally.leftOut },
      tokens: { prompt: c.promptTokens, completion: c.completionTokens },
      baseAnswers: {
        mode: run.config.yl.mode,
        slots: run.manifest.plan.ylSlots,
        pairs: run.manifest.plan.pairs,
        calls: c.ylCalls,
        callsSavedBySharing: run.manifest.plan.pairs - run.manifest.plan.ylSlots,
      },
    },
    pairsWritten: written,
    ...(run.config.judges.length ? { judge: tally.finish() } : {}),
    failedPairs,
  };
  writeFileAtomic(
    join(dir, 'run.json'),
    JSON.stringify(
      {
        ...summary,
        manifest: run.manifest,
        files: { pairs: 'pairs.jsonl', cache: 'cache.jsonl', items: 'items.jsonl' },
        updatedAt: new Date().toISOString(),
      },
      null,
      2,
    ) + '\n',
    'run summary',
  );
  return summary;
}
