/**
 * `npm run cli -- run`: the pair pipeline, headless, against any OpenAI-compatible server.
 * Data (a JSON summary) goes to stdout; progress and problems go to stderr. Requests time out and
 * are retried (resets, timeouts, 429 with its Retry-After, 5xx); an item the server refuses or whose
 * output stays unreadable is recorded and the run goes on; a server that is gone, refuses the key
 * or lacks the model stops the run. The exit code says which (`exit-codes.ts`).
 */
import { describeEstimate, estimateJob } from '../../core/jobs/estimate';
import { runCallPlan } from '../../core/jobs/plans';
import type { Command } from '../command';
import { secretsIn } from '../../core/llm/openai-http';
import { Lanes } from '../../core/pipeline/lanes';
import { executeRun, type RunClients } from '../../core/pipeline/runner';
import { retryFailed } from '../../core/pipeline/run-scan';
import type { RunConfig } from '../../core/pipeline/config';
import { FileStore } from '../pipeline/file-store';
import { openRun, parsePipelineOptions, PIPELINE_OPTIONS_HELP } from '../pipeline/options';
import { writeOutputs } from '../pipeline/outputs';
import { stderrProgress } from '../pipeline/progress-line';
import { appVersion } from '../pipeline/app-version';
import { endpointWarnings, SERVER_OPTIONS_HELP, transportRetryWarner, type ServerOptions, serverClient } from '../pipeline/server-options';
import { reportEnd } from '../exit-codes';

const USAGE = `Usage: npm run cli -- run --endpoint <base URL> --model <name> --personas <personas.jsonl>
                        --prompts <prompts.jsonl> --out <dir> [options]

Makes preference pairs (PERSONA §3.2): a base answer y_l without the persona, the Appendix B
critique and revision y_w for the persona, and with --judge the persona role-played as a judge in
both orders. Writes <dir>/pairs.jsonl (TRL: prompt, chosen = y_w, rejected = y_l, persona_id,
persona, prompt_id, topic, split, models, …) and <dir>/run.json (manifest and counts), and keeps
its call cache in <dir>: run again with the same arguments and no request is sent for work done.

  --endpoint <URL>        OpenAI-compatible API root, e.g. http://127.0.0.1:8000/v1 (credentials or
                          query secrets in it are neither sent nor stored: use --api-key)
${PIPELINE_OPTIONS_HELP}
${SERVER_OPTIONS_HELP}

Exit code: 0 when every pair reached a final state (made, or failed for good: unreadable output
after every attempt, or a request the server refuses; see run.json); 1 when the run stopped (server
unreachable, key refused, no such model, a server failing call after call) or no pair could be made;
3 when some pairs failed on server errors after every retry (run again to retry them); 2 for a
usage error; 130 after Ctrl-C. The outputs are written first in every case; running the same
command again resumes.`;

/** The role clients for a config, sharing one lane per model. */
function httpClients(config: RunConfig, server?: ServerOptions): RunClients {
  const lanes = new Lanes();
  const make = (role: RunConfig['generator']) =>
    lanes.wrap(serverClient(role.model.baseUrl ?? '', role.model.model, server), config.concurrency, role.model.baseUrl);
  return { generator: make(config.generator), critic: make(config.critic), judges: config.judges.map(make) };
}

export const runCommand: Command = {
  name: 'run',
  summary: 'make preference pairs against an OpenAI-compatible server',
  usage: USAGE,
  async run(args) {
    const o = parsePipelineOptions(args, true);
    const warn = (m: string) => process.stderr.write(`run: ${m}\n`);
    const store = new FileStore(o.out);
    const controller = new AbortController();
    const onSigint = () => {
      warn('pausing: finishing the calls in flight (press Ctrl-C again to quit at once)');
      process.off('SIGINT', onSigint);
      controller.abort();
    };
    process.on('SIGINT', onSigint);
    try {
      for (const w of endpointWarnings(o.endpoint ?? '', secretsIn(o.endpoint ?? ''), o.server.apiKey)) warn(w);
      const run = await openRun(store, o, appVersion(), warn);
      if (o.retryFailed) warn(`retrying ${await retryFailed(store, run.id)} failed item(s)`);
      // The run's size before it starts, from the one estimator (a server answers `concurrency` calls at once).
      const plan = run.manifest.plan;
      const size = estimateJob(runCallPlan({ slots: plan.ylSlots, pairs: plan.pairs, judges: run.config.judges.length }), {
        backend: 'openai-http',
        concurrency: run.config.concurrency,
      });
      warn(`size: ${describeEstimate(size)}${size.warning ? `. ${size.warning}` : ''}`);
      const progress = stderrProgress();
      const outcome = await executeRun(run.id, {
        store,
        clients: httpClients(run.config, o.server),
        signal: controller.signal,
        onProgress: progress.update,
        progressIntervalMs: 1000,
        transportRetries: o.server.retries,
        onTransportRetry: transportRetryWarner(warn, o.server.retries),
      });
      progress.done();
      const summary = await writeOutputs(store, (await store.getRun(run.id)) ?? run, outcome, o.out);
      for (const f of summary.failedPairs.slice(0, 5)) warn(`failed ${f.pair_id}: ${f.error}`);
      if (summary.failedPairs.length > 5) warn(`… ${summary.counts.pairs.failed - 5} more failed pairs are listed in ${o.out}/run.json`);
      process.stdout.write(JSON.stringify({ out: o.out, ...summary, failedPairs: undefined }) + '\n');
      const end = { status: outcome.status, done: outcome.pairs.done, total: outcome.pairs.total, unit: 'pairs' };
      return reportEnd(outcome.error ? { ...end, error: outcome.error } : end, controller.signal.aborted, warn);
    } finally {
      process.off('SIGINT', onSigint);
      store.close();
    }
  },
};
