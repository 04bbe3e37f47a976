/**
 * The options `run` and `batch export` share, parsed strictly (an unknown or malformed option is a
 * usage error naming it), and the run they describe.
 */
import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { checkOutDir } from './out-dir';
import { SERVER_OPTIONS, serverOptions, type ServerOptions } from './server-options';
import { UsageError } from '../command';
import { intOption as int } from '../option-values';
import { normalizeBaseUrl } from '../../core/llm/openai-http';
import type { SamplingOptions } from '../../core/llm/types';
import { DEFAULT_SAMPLING, planForPerPersona, type ModelRef, type RunConfig } from '../../core/pipeline/config';
import { createRun, makeRun } from '../../core/pipeline/create';
import type { RunRecord } from '../../core/pipeline/records';
import type { PipelineStore } from '../../core/pipeline/store';
import { problemLines } from '../../core/records/problems';
import { readPersonasJsonl, readPromptsFile } from './inputs';

/** Parsed pipeline options. */
export interface PipelineOptions {
  readonly endpoint?: string;
  readonly model: string;
  readonly criticModel: string;
  readonly judgeModel: string;
  readonly personas: string;
  readonly prompts: string;
  readonly out: string;
  readonly perPersona: number;
  /** Topics the plan draws prompts from (`--topics "a,b"`); empty: every topic. */
  readonly topics: readonly string[];
  readonly seed: number;
  readonly concurrency: number;
  readonly judge: boolean;
  readonly yl: 'shared' | 'per-pair';
  readonly retryFailed: boolean;
  /** Sampling of the generator and critic (`--temperature`, `--top-p`, `--max-tokens` over `DEFAULT_SAMPLING`). */
  readonly sampling: SamplingOptions;
  /** Sampling of the judge (`--judge-temperature`, `--judge-max-tokens` over `DEFAULT_SAMPLING.judge`). */
  readonly judgeSampling: SamplingOptions;
  /** Write into an --out that holds another configuration's results. */
  readonly force: boolean;
  /** Timeout, retries and API key (run only). */
  readonly server: ServerOptions;
}

/** Usage lines for the shared options. */
export const PIPELINE_OPTIONS_HELP = `  --model <name>          model for every role (as the server names it)
  --personas <file>       personas.jsonl, as the personas command writes it
  --prompts <file>        prompts.jsonl: {"text": …, "id"?, "topic"?, "split"?: "train"|"heldout"} per line
  --out <dir>             output directory (pairs.jsonl, run.json, the call cache)
  --per-persona <k>       train-split prompts per persona, split 2:1 into train and seen-test,
                          plus round(k/3) held-out prompts (default 6; the paper's 150 is --per-persona 150)
  --topics <a,b>          draw prompts only from these topics (the prompts' "topic" values; default every topic)
  --seed <S>              run seed (default 1)
  --concurrency <c>       pairs worked on at once and requests in flight (default 2)
  --judge                 role-play judge every pair in both orders
  --critic-model <name>   another model for critique and revision (default --model)
  --judge-model <name>    another model for the judge (default --model)
  --yl per-pair|shared    the paper's one base answer y_l per pair (default), or one per prompt shared by every
                          persona that drew it (fewer calls; y_l is then the same for everyone who got the prompt)
  --retry-failed          give failed pairs a new round of attempts
  --force                 write into an --out that holds another configuration's results (its
                          pairs.jsonl and run.json are replaced; its items and call cache stay)
  --temperature <t>       generator and critic temperature, 0–2 (default ${DEFAULT_SAMPLING.generator.temperature})
  --top-p <p>             generator and critic nucleus mass, in (0, 1] (default ${DEFAULT_SAMPLING.generator.top_p})
  --max-tokens <n>        generator and critic token budget (default ${DEFAULT_SAMPLING.generator.max_tokens}); an answer
                          cut off at it is asked again once with twice the budget, then recorded as truncated
  --judge-temperature <t> judge temperature (default ${DEFAULT_SAMPLING.judge.temperature}: greedy)
  --judge-max-tokens <n>  judge token budget (default ${DEFAULT_SAMPLING.judge.max_tokens})`;

/** A number option within [min, max] (`above` excludes min); undefined when not given. */
function num(name: string, v: string | undefined, min: number, max: number, above = false): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n > max || (above ? n <= min : n < min))
    throw new UsageError(`--${name} must be a number ${above ? '>' : '≥'} ${min} and ≤ ${max}, got "${v}".`);
  return n;
}

/** Sampling over defaults: the options given replace the default values. */
function sampling(defaults: SamplingOptions, given: SamplingOptions): SamplingOptions {
  const set = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  return { ...defaults, ...set };
}

/** Parses the shared options; `endpoint` is required when `needEndpoint`. */
export function parsePipelineOptions(args: readonly string[], needEndpoint: boolean): PipelineOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        endpoint: { type: 'string' },
        model: { type: 'string' },
        personas: { type: 'string' },
        prompts: { type: 'string' },
        out: { type: 'string' },
        'per-persona': { type: 'string' },
        topics: { type: 'string' },
        seed: { type: 'string' },
        concurrency: { type: 'string' },
        judge: { type: 'boolean' },
        'critic-model': { type: 'string' },
        'judge-model': { type: 'string' },
        yl: { type: 'string' },
        'retry-failed': { type: 'boolean' },
        temperature: { type: 'string' },
        'top-p': { type: 'string' },
        'max-tokens': { type: 'string' },
        'judge-temperature': { type: 'string' },
        'judge-max-tokens': { type: 'string' },
        force: { type: 'boolean' },
        ...SERVER_OPTIONS,
      },
    }));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const need = (k: string) => {
    const v = values[k];
    if (typeof v !== 'string' || !v) throw new UsageError(`--${k} is required.`);
    return v;
  };
  if (needEndpoint) need('endpoint');
  const yl = values.yl ?? 'per-pair';
  if (yl !== 'shared' && yl !== 'per-pair') throw new UsageError(`--yl must be "shared" or "per-pair", got "${String(yl)}".`);
  const model = need('model');
  const str = (k: string) => values[k] as string | undefined;
  const maxTokens = (k: string) => (str(k) === undefined ? undefined : int(k, str(k), 0, 1));
  return {
    ...(typeof values.endpoint === 'string' ? { endpoint: values.endpoint } : {}),
    model,
    criticModel: typeof values['critic-model'] === 'string' ? values['critic-model'] : model,
    judgeModel: typeof values['judge-model'] === 'string' ? values['judge-model'] : model,
    personas: need('personas'),
    prompts: need('prompts'),
    out: need('out'),
    perPersona: int('per-persona', values['per-persona'] as string | undefined, 6, 1),
    topics: (str('topics') ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    seed: int('seed', values.seed as string | undefined, 1, 0),
    concurrency: int('concurrency', values.concurrency as string | undefined, 2, 1),
    judge: values.judge === true,
    yl,
    retryFailed: values['retry-failed'] === true,
    sampling: sampling(DEFAULT_SAMPLING.generator, {
      temperature: num('temperature', str('temperature'), 0, 2),
      top_p: num('top-p', str('top-p'), 0, 1, true),
      max_tokens: maxTokens('max-tokens'),
    }),
    judgeSampling: sampling(DEFAULT_SAMPLING.judge, {
      temperature: num('judge-temperature', str('judge-temperature'), 0, 2),
      max_tokens: maxTokens('judge-max-tokens'),
    }),
    force: values.force === true,
    server: serverOptions(values),
  };
}

/** The run config the options describe. */
export function configOf(o: PipelineOptions): RunConfig {
  const baseUrl = o.endpoint ? normalizeBaseUrl(o.endpoint) : undefined;
  const ref = (model: string): ModelRef => ({ backend: 'openai-http', model, ...(baseUrl ? { baseUrl } : {}) });
  return {
    seed: o.seed,
    generator: { model: ref(o.model), sampling: o.sampling },
    critic: { model: ref(o.criticModel), sampling: o.sampling },
    judges: o.judge ? [{ model: ref(o.judgeModel), sampling: o.judgeSampling }] : [],
    plan: planForPerPersona(o.perPersona),
    yl: { mode: o.yl, samples: 1 },
    maxAttempts: 3,
    concurrency: o.concurrency,
    heldoutFraction: 868 / 3868,
    ...(o.topics.length ? { topics: o.topics } : {}),
  };
}

/** Reads the inputs and creates (or reopens) the run in the store; input problems go to `warn`. */
export async function openRun(store: PipelineStore, o: PipelineOptions, appVersion: string, warn: (m: string) => void): Promise<RunRecord> {
  const personas = readPersonasJsonl(o.personas);
  const prompts = readPromptsFile(o.prompts);
  for (const line of [...problemLines(personas), ...problemLines(prompts)]) warn(`skipped ${line}`);
  const input = { name: basename(o.out), config: configOf(o), personas: personas.personas, prompts: prompts.prompts, appVersion };
  await checkOutDir(store, o.out, makeRun(input).id, o.force, warn);
  const run = await createRun(store, input);
  for (const w of run.manifest.plan.warnings) warn(w);
  return run;
}
