/**
 * The options `run` and `batch export` share, parsed strictly (an unknown or malformed option is a
 * usage error naming it), and the run they describe.
 */
import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { checkOutDir } from './out-dir';
import { SERVER_OPTIONS, serverOptions, type ServerOptions } from './server-options';
import { UsageError } from '../command';
import { normalizeBaseUrl } from '../../core/llm/openai-http';
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
  readonly seed: number;
  readonly concurrency: number;
  readonly judge: boolean;
  readonly yl: 'shared' | 'per-pair';
  readonly retryFailed: boolean;
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
  --seed <S>              run seed (default 1)
  --concurrency <c>       pairs worked on at once and requests in flight (default 2)
  --judge                 role-play judge every pair in both orders
  --critic-model <name>   another model for critique and revision (default --model)
  --judge-model <name>    another model for the judge (default --model)
  --yl per-pair|shared    the paper's one base answer y_l per pair (default), or one per prompt shared by every
                          persona that drew it (fewer calls; y_l is then the same for everyone who got the prompt)
  --retry-failed          give failed pairs a new round of attempts
  --force                 write into an --out that holds another configuration's results (its
                          pairs.jsonl and run.json are replaced; its items and call cache stay)`;

function int(name: string, v: string | undefined, fallback: number, min: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, got "${v}".`);
  return n;
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
        seed: { type: 'string' },
        concurrency: { type: 'string' },
        judge: { type: 'boolean' },
        'critic-model': { type: 'string' },
        'judge-model': { type: 'string' },
        yl: { type: 'string' },
        'retry-failed': { type: 'boolean' },
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
  return {
    ...(typeof values.endpoint === 'string' ? { endpoint: values.endpoint } : {}),
    model,
    criticModel: typeof values['critic-model'] === 'string' ? values['critic-model'] : model,
    judgeModel: typeof values['judge-model'] === 'string' ? values['judge-model'] : model,
    personas: need('personas'),
    prompts: need('prompts'),
    out: need('out'),
    perPersona: int('per-persona', values['per-persona'] as string | undefined, 6, 1),
    seed: int('seed', values.seed as string | undefined, 1, 0),
    concurrency: int('concurrency', values.concurrency as string | undefined, 2, 1),
    judge: values.judge === true,
    yl,
    retryFailed: values['retry-failed'] === true,
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
    generator: { model: ref(o.model), sampling: DEFAULT_SAMPLING.generator },
    critic: { model: ref(o.criticModel), sampling: DEFAULT_SAMPLING.critic },
    judges: o.judge ? [{ model: ref(o.judgeModel), sampling: DEFAULT_SAMPLING.judge }] : [],
    plan: planForPerPersona(o.perPersona),
    yl: { mode: o.yl, samples: 1 },
    maxAttempts: 3,
    concurrency: o.concurrency,
    heldoutFraction: 868 / 3868,
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
