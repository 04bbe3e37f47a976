/**
 * `npm run cli -- bench`: PERSONA Bench (§5) against OpenAI-compatible servers. The model under test
 * answers each item by each method, the critic decides whether each answer still needs a revision to
 * be personalised, and results.json holds accuracy with its bootstrap interval and pass@k per method.
 * Data (a JSON summary) goes to stdout; progress and problems to stderr.
 */
import type { Command } from '../command';
import { createBench } from '../../core/bench/create';
import { executeBench, type BenchClients } from '../../core/bench/runner';
import type { BenchConfig } from '../../core/bench/config';
import { OpenAiHttpClient } from '../../core/llm/openai-http';
import { Lanes } from '../../core/pipeline/lanes';
import type { RoleSpec } from '../../core/pipeline/config';
import { FileBenchStore } from '../bench/bench-file-store';
import { BENCH_OPTIONS_HELP, parseBenchOptions } from '../bench/options';
import { writeBenchOutputs } from '../bench/outputs';
import { appVersion } from '../pipeline/app-version';
import { readPersonasJsonl, readPromptsFile } from '../pipeline/inputs';
import { stderrProgress } from '../pipeline/progress-line';

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

Exit code: 0 when samples were scored (some may be missing: see results.json) or there was nothing
left to do; 1 when nothing could be done (a server cannot be reached, or no sample could be scored);
2 for a usage error; 130 after Ctrl-C (the outputs are written first).`;

/** The clients of a bench's roles, one lane per model. */
function benchClients(config: BenchConfig): BenchClients {
  const lanes = new Lanes();
  const make = (role: RoleSpec) =>
    lanes.wrap(
      new OpenAiHttpClient({ baseUrl: role.model.baseUrl ?? '', model: role.model.model, stream: 'never' }),
      config.concurrency,
      role.model.baseUrl,
    );
  return { model: make(config.model), critic: make(config.critic), ...(config.subtlety ? { subtlety: make(config.subtlety) } : {}) };
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
      const progress = stderrProgress();
      const outcome = await executeBench(bench.id, {
        store,
        clients: benchClients(bench.config),
        signal: controller.signal,
        onProgress: progress.update,
        progressIntervalMs: 1000,
        retryMissing: o.retryMissing,
      });
      progress.done();
      const stored = (await store.getBench(bench.id)) ?? bench;
      const { lines } = await writeBenchOutputs(store, stored, outcome, o.out);
      if (outcome.error) warn(outcome.error);
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
      if (controller.signal.aborted) return 130;
      const unreachable = outcome.status === 'interrupted' && outcome.session.answered === 0 && outcome.session.cacheHits === 0;
      const nothingScored = s.total > 0 && s.done === 0;
      return unreachable || nothingScored ? 1 : 0;
    } finally {
      process.off('SIGINT', onSigint);
      store.close();
    }
  },
};
