/**
 * `npm run cli -- run`: the pair pipeline, headless, against any OpenAI-compatible server.
 * Data (a JSON summary) goes to stdout; progress and problems go to stderr. An HTTP error or
 * unreadable output for one item is recorded and the run goes on; the exit code is non-zero only
 * when nothing could be done (the server cannot be reached, or no call got an answer).
 */
import type { Command } from '../command';
import { OpenAiHttpClient } from '../../core/llm/openai-http';
import { Lanes } from '../../core/pipeline/lanes';
import { executeRun, type RunClients } from '../../core/pipeline/runner';
import { retryFailed } from '../../core/pipeline/run-scan';
import type { RunConfig } from '../../core/pipeline/config';
import { FileStore } from '../pipeline/file-store';
import { openRun, parsePipelineOptions, PIPELINE_OPTIONS_HELP } from '../pipeline/options';
import { writeOutputs } from '../pipeline/outputs';
import { stderrProgress } from '../pipeline/progress-line';
import { appVersion } from '../pipeline/app-version';

const USAGE = `Usage: npm run cli -- run --endpoint <base URL> --model <name> --personas <personas.jsonl>
                        --prompts <prompts.jsonl> --out <dir> [options]

Makes preference pairs (PERSONA §3.2): a base answer y_l without the persona, the Appendix B
critique and revision y_w for the persona, and with --judge the persona role-played as a judge in
both orders. Writes <dir>/pairs.jsonl (TRL: prompt, chosen = y_w, rejected = y_l, persona_id,
persona, prompt_id, topic, split, models, …) and <dir>/run.json (manifest and counts), and keeps
its call cache in <dir>: run again with the same arguments and no request is sent for work done.

  --endpoint <URL>        OpenAI-compatible API root, e.g. http://127.0.0.1:8000/v1
${PIPELINE_OPTIONS_HELP}

Exit code: 0 when pairs were made (some items may have failed: see run.json) or there was nothing
left to do; 1 when nothing could be done (the server cannot be reached, or no pair could be made
at all); 2 for a usage error; 130 after Ctrl-C (the outputs are written first).`;

/** The role clients for a config, sharing one lane per model. */
export function httpClients(config: RunConfig): RunClients {
  const lanes = new Lanes();
  const make = (role: RunConfig['generator']) =>
    lanes.wrap(
      new OpenAiHttpClient({ baseUrl: role.model.baseUrl ?? '', model: role.model.model, stream: 'never' }),
      config.concurrency,
      role.model.baseUrl,
    );
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
      const run = await openRun(store, o, appVersion(), warn);
      if (o.retryFailed) warn(`retrying ${await retryFailed(store, run.id)} failed item(s)`);
      const progress = stderrProgress();
      const outcome = await executeRun(run.id, {
        store,
        clients: httpClients(run.config),
        signal: controller.signal,
        onProgress: progress.update,
        progressIntervalMs: 1000,
      });
      progress.done();
      const summary = await writeOutputs(store, (await store.getRun(run.id)) ?? run, outcome, o.out);
      if (outcome.error) warn(outcome.error);
      for (const f of summary.failedPairs.slice(0, 5)) warn(`failed ${f.pair_id}: ${f.error}`);
      if (summary.failedPairs.length > 5) warn(`… ${summary.counts.pairs.failed - 5} more failed pairs are listed in ${o.out}/run.json`);
      process.stdout.write(JSON.stringify({ out: o.out, ...summary, failedPairs: undefined }) + '\n');
      const s = outcome.session;
      const unreachable = outcome.status === 'interrupted' && s.answered === 0 && s.cacheHits === 0;
      const nothingDone = unreachable || (summary.pairsWritten === 0 && outcome.pairs.total > 0);
      if (controller.signal.aborted) return 130;
      return nothingDone ? 1 : 0;
    } finally {
      process.off('SIGINT', onSigint);
      store.close();
    }
  },
};
