/**
 * `npm run cli -- bench`: PERSONA Bench (§5) against OpenAI-compatible servers. The model under test
 * answers each item by each method, the critic decides whether each answer still needs a revision to
 * be personalised, and results.json holds accuracy with its bootstrap interval and pass@k per method.
 * Data (a JSON summary) goes to stdout; progress and problems to stderr.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../command';
import { createBench } from '../../core/bench/create';
import { executeBench, type BenchClients } from '../../core/bench/runner';
import type { BenchConfig } from '../../core/bench/config';
import { Lanes } from '../../core/pipeline/lanes';
import type { RoleSpec } from '../../core/pipeline/config';
import { FileBenchStore } from '../bench/bench-file-store';
import { BENCH_OPTIONS_HELP, parseBenchOptions } from '../bench/options';
import { writeBenchOutputs } from '../bench/outputs';
import { appVersion } from '../pipeline/app-version';
import { readPersonasJsonl, readPromptsFile } from '../pipeline/inputs';
import { stderrProgress } from '../pipeline/progress-line';
import { transportRetryWarner, type ServerOptions, serverClient } from '../pipeline/server-options';
import { reportEnd } from '../exit-codes';

const USAGE = `Usage: npm run cli -- bench --endpoint <URL> --model <name> --personas <personas.jsonl>
                          --prompts <prompts.jsonl> --out <dir> [options]

PERSONA Bench (§5): the model answers each item (a persona and a prompt) by each method, n times with
distinct seeds; a critic sees the persona, the question and only the extracted answer and says whether
it still needs a revision to be (subtly) personalised; a sample passes when it does not. Methods:
baseline (the question alone, no persona), persona (the persona in the system prompt, answer
directly), cot (the persona; reason step by step, then answer, as JSON), summary (the persona; first
summarise what in it matters for the question, then answer, as JSON).
Writes <dir>/results.json ({"methods": {"<method>": {"accuracy", "ci95", "n_items", "n_samples",
"missing", "pass_at_k"}}, "model", "critic", "config", …}) and <dir>/samples.jsonl (one line per
sample: method, persona_id, prompt_id, sample, answer, needs_revision, critique), and keeps its call
cache in <dir>: run again with the same arguments and no request is sent for work done.

${BENCH_OPTIONS_HELP}

One --out can hold several benches (their calls in one cache): results.json and samples.jsonl describe
the bench of the command just run; the others' samples stay, and their own command writes them again.

Exit codes as run: 0 when every sample was scored or is missing for good (unreadable after every
attempt, or a request the server refuses as it is; see results.json); 1 when the bench stopped (server
unreachable, key refused, no such model, a server failing call after call) or no sample could be
scored; 3 when some samples failed on server errors after every retry (run again to retry them); 2 for
a usage error; 130 after Ctrl-C. The outputs are written first in every case.`;

/** The clients of a bench's roles, one lane per model, with the server options' timeouts and key. */
function benchClients(config: BenchConfig, server: ServerOptions): BenchClients {
  const lanes = new Lanes();
  const make = (role: RoleSpec) =>
    lanes.wrap(serverClient(role.model.baseUrl ?? '', role.model.model, server), config.concurrency, role.model.baseUrl);
  return { model: make(config.model), critic: make(config.critic), ...(config.subtlety ? { subtlety: make(config.subtlety) } : {}) };
}

/** The bench whose results `<dir>/results.json` holds, if it can be read. */
function resultsBenchOf(dir: string): string | undefined {
  const path = join(dir, 'results.json');
  if (!existsSync(path)) return undefined;
  try {
    const id = (JSON.parse(readFileSync(path, 'utf8')) as { config?: { bench_id?: unknown } }).config?.bench_id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined; // an unreadable results.json is rewritten by this bench
  }
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

export const benchCommand: Command = {
  name: 'bench',
  summary: 'PERSONA Bench: how well a model personalises, by method, with pass@k',
  usage: USAGE,
  async run(args) {
    const o = parseBenchOptions(args);
    const warn = (m: string) => process.stderr.write(`bench: ${m}\n`);
    const personas = readPersonasJsonl(o.personas);
    const prompts = readPromptsFile(o.prompts);
    for (const p of [...personas.problems, ...prompts.problems]) warn(`skipped ${p}`);
    for (const w of o.warnings) warn(w);
    const store = new FileBenchStore(o.out);
    const controller = new AbortController();
    const onSigint = () => {
      warn('stopping: finishing the calls in flight (press Ctrl-C again to quit at once)');
      process.off('SIGINT', onSigint);
      controller.abort();
    };
    process.on('SIGINT', onSigint);
    try {
      const bench = await createBench(store, {
        name: o.name,
        config: o.config,
        personas: personas.personas,
        prompts: prompts.prompts,
        appVersion: appVersion(),
      });
      for (const w of bench.manifest.plan.warnings) warn(w);
      const held = resultsBenchOf(o.out);
      if (held && held !== bench.id)
        warn(
          `${o.out}/results.json and samples.jsonl described ${held}; they now describe ${bench.id} (${held}'s samples and calls stay).`,
        );
      const progress = stderrProgress();
      const outcome = await executeBench(bench.id, {
        store,
        clients: benchClients(bench.config, o.server),
        signal: controller.signal,
        onProgress: progress.update,
        progressIntervalMs: 1000,
        retryMissing: o.retryMissing,
        transportRetries: o.server.retries,
        onTransportRetry: transportRetryWarner(warn, o.server.retries),
      });
      progress.done();
      const stored = (await store.getBench(bench.id)) ?? bench;
      const { lines } = await writeBenchOutputs(store, stored, outcome, o.out);
      for (const [m, r] of Object.entries(outcome.results.methods))
        warn(`${m}: accuracy ${pct(r.accuracy)} [${pct(r.ci95?.[0])}, ${pct(r.ci95?.[1])}] over ${r.n_items} items, ${r.missing} missing`);
      const s = outcome.samples;
      process.stdout.write(
        JSON.stringify({
          out: o.out,
          bench_id: bench.id,
          status: outcome.status,
          samples: s,
          lines,
          methods: Object.fromEntries(
            Object.entries(outcome.results.methods).map(([m, r]) => [m, { accuracy: r.accuracy, ci95: r.ci95, pass_at_k: r.pass_at_k }]),
          ),
          requests_sent: outcome.session.requests,
        }) + '\n',
      );
      const end = { status: outcome.status, done: s.done + s.missing, total: s.total, unit: 'samples' };
      return reportEnd(outcome.error ? { ...end, error: outcome.error } : end, controller.signal.aborted, warn);
    } finally {
      process.off('SIGINT', onSigint);
      store.close();
    }
  },
};
