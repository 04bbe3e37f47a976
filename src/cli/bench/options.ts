/**
 * The options of `bench`, parsed strictly (an unknown or malformed option is a usage error naming it),
 * and the bench they describe.
 */
import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { UsageError } from '../command';
import { intOption as int, oneOfOption as oneOf } from '../option-values';
import {
  BENCH_SAMPLING,
  DEFAULT_SELECTION,
  makeBenchConfig,
  PAPER_SELECTION,
  type BenchConfig,
  type BenchSelection,
} from '../../core/bench/config';
import { BENCH_METHODS, parseMethod, type BenchMethod, type MethodTemplate } from '../../core/bench/methods';
import { methodTemplateFromFile, readTemplateFile, type TemplateRole } from '../../core/bench/template-file';
import { normalizeBaseUrl, secretsIn } from '../../core/llm/openai-http';
import type { ModelRef } from '../../core/pipeline/config';
import type { PromptTemplate } from '../../core/pipeline/templates';
import { readText } from '../pipeline/inputs';
import { endpointWarnings, SERVER_OPTIONS, SERVER_OPTIONS_HELP, serverOptions, type ServerOptions } from '../pipeline/server-options';

/** Usage lines of the options. */
export const BENCH_OPTIONS_HELP = `  --endpoint <URL>          OpenAI-compatible API root of the model under test, e.g. http://127.0.0.1:8000/v1
  --model <name>            the model under test (as the server names it)
  --personas <file>         personas.jsonl, as the personas command writes it
  --prompts <file>          prompts.jsonl: {"text": …, "id"?, "topic"?, "split"?: "train"|"heldout"} per line
  --out <dir>               output directory (results.json, samples.jsonl, the call cache)
  --methods <list>          comma-separated, any of baseline,persona,cot,summary (default all four)
  --samples <n>             answers per item and method, each with its own seed (default 1); pass@k is
                            reported for k = 1, 2, 4, 8, 16 up to n (the paper's Figure 12: --samples 16)
  --per-persona <k>         held-out prompts per persona, drawn with the seed (default 2)
  --persona-split <s>       test (default, PERSONA's test personas), train or all
  --prompt-split <s>        heldout (default), train or all; prompts without a split are split with the seed
  --max-personas <n>        only the first n personas of the split
  --preset paper            the paper's design: 700 held-out prompts, each for a persona drawn from the
                            first 1,000 of the train split (replaces --per-persona and the splits)
  --seed <S>                seed of the item draw, the request seeds and the bootstrap (default 1)
  --concurrency <c>         samples worked on at once and requests in flight (default 2)
  --critic-endpoint <URL>   another server for the critic (default --endpoint)
  --critic-model <name>     another model for the critic (default --model)
  --subtlety                also ask the critic's model whether each answer quotes the persona (PERSONA §5.2)
  --template <role>=<file>  your own prompt for a method (baseline, persona, cot, summary), the critic or
                            the subtlety judge: a JSON file {"system"?, "user", "output"?: "json"|"text"}
                            with {persona}, {question} (and {answer}); repeatable
  --temperature <t>         the model's temperature (default ${BENCH_SAMPLING.model.temperature})
  --max-tokens <n>          the model's token budget per answer (default ${BENCH_SAMPLING.model.max_tokens})
  --critic-max-tokens <n>   the critic's token budget (default ${BENCH_SAMPLING.critic.max_tokens})
  --bootstrap <B>           bootstrap resamples for the accuracy's 95% interval (default 1000)
  --retry-missing           give missing samples (unreadable answer or critique) a new round of attempts
${SERVER_OPTIONS_HELP}`;

/** Parsed options. */
export interface BenchOptions {
  readonly config: BenchConfig;
  readonly personas: string;
  readonly prompts: string;
  readonly out: string;
  readonly name: string;
  readonly retryMissing: boolean;
  /** Timeouts, transport retries and the API key (for both servers). */
  readonly server: ServerOptions;
  /** Warnings about how the endpoints were given (credentials in the URL, a key over plain http). */
  readonly warnings: readonly string[];
}

function num(name: string, v: unknown, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${String(v)}".`);
  return n;
}

function url(name: string, v: string): string {
  try {
    return normalizeBaseUrl(v);
  } catch (e) {
    throw new UsageError(`--${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Reads `--template role=file` options: the method templates and the critic's and judge's. */
function templates(specs: readonly string[]): {
  methods: Partial<Record<BenchMethod, MethodTemplate>>;
  critic?: PromptTemplate;
  subtlety?: PromptTemplate;
} {
  const out: { methods: Partial<Record<BenchMethod, MethodTemplate>>; critic?: PromptTemplate; subtlety?: PromptTemplate } = {
    methods: {},
  };
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const role = spec.slice(0, eq).trim() as TemplateRole;
    const file = spec.slice(eq + 1);
    if (eq < 1 || !file) throw new UsageError(`--template must be <role>=<file>, got "${spec}".`);
    const method = parseMethod(role);
    if (!method && role !== 'critic' && role !== 'subtlety')
      throw new UsageError(`--template: unknown role "${role}" (one of ${BENCH_METHODS.join(', ')}, critic, subtlety).`);
    const text = readText(file, 'template');
    if (method) out.methods[method] = methodTemplateFromFile(text, basename(file), method);
    else {
      const { output: _o, ...t } = readTemplateFile(text, basename(file), role);
      out[role as 'critic' | 'subtlety'] = t;
    }
  }
  return out;
}

/** Parses the options. */
export function parseBenchOptions(args: readonly string[]): BenchOptions {
  let values: Record<string, string | boolean | string[] | undefined>;
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
        methods: { type: 'string' },
        samples: { type: 'string' },
        'per-persona': { type: 'string' },
        'persona-split': { type: 'string' },
        'prompt-split': { type: 'string' },
        'max-personas': { type: 'string' },
        preset: { type: 'string' },
        seed: { type: 'string' },
        concurrency: { type: 'string' },
        'critic-endpoint': { type: 'string' },
        'critic-model': { type: 'string' },
        subtlety: { type: 'boolean' },
        template: { type: 'string', multiple: true },
        temperature: { type: 'string' },
        'max-tokens': { type: 'string' },
        'critic-max-tokens': { type: 'string' },
        bootstrap: { type: 'string' },
        'retry-missing': { type: 'boolean' },
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
  const endpoint = url('endpoint', need('endpoint'));
  const model = need('model');
  const personas = need('personas');
  const prompts = need('prompts');
  const out = need('out');
  const methods =
    typeof values.methods === 'string'
      ? values.methods
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean)
      : [...BENCH_METHODS];
  for (const m of methods)
    if (!parseMethod(m)) throw new UsageError(`--methods: unknown method "${m}" (one of ${BENCH_METHODS.join(', ')}).`);
  if (!methods.length) throw new UsageError('--methods names no method.');
  const preset = oneOf('preset', values.preset, ['paper'] as const, 'paper');
  const maxPersonas = values['max-personas'] === undefined ? undefined : int('max-personas', values['max-personas'], 1, 1);
  const selection: BenchSelection =
    values.preset !== undefined && preset === 'paper'
      ? PAPER_SELECTION
      : {
          personaSplit: oneOf('persona-split', values['persona-split'], ['test', 'train', 'all'] as const, DEFAULT_SELECTION.personaSplit),
          promptSplit: oneOf('prompt-split', values['prompt-split'], ['heldout', 'train', 'all'] as const, DEFAULT_SELECTION.promptSplit),
          perPersona: int('per-persona', values['per-persona'], DEFAULT_SELECTION.perPersona, 1),
          ...(maxPersonas !== undefined ? { maxPersonas } : {}),
        };
  const criticEndpoint = typeof values['critic-endpoint'] === 'string' ? url('critic-endpoint', values['critic-endpoint']) : endpoint;
  const ref = (m: string, baseUrl: string): ModelRef => ({ backend: 'openai-http', model: m, baseUrl });
  const critic = ref(typeof values['critic-model'] === 'string' ? values['critic-model'] : model, criticEndpoint);
  const base = makeBenchConfig(
    { model: ref(model, endpoint), critic, subtlety: values.subtlety === true ? critic : null },
    {
      seed: int('seed', values.seed, 1, 0),
      samples: int('samples', values.samples, 1, 1),
      methods: methods as BenchMethod[],
      selection,
      concurrency: int('concurrency', values.concurrency, 2, 1),
      resamples: int('bootstrap', values.bootstrap, 1000, 1),
      templates: templates((values.template as string[] | undefined) ?? []),
    },
  );
  const temperature = num('temperature', values.temperature, 0, 2);
  const maxTokens = values['max-tokens'] === undefined ? undefined : int('max-tokens', values['max-tokens'], 0, 1);
  const criticTokens = values['critic-max-tokens'] === undefined ? undefined : int('critic-max-tokens', values['critic-max-tokens'], 0, 1);
  const config: BenchConfig = {
    ...base,
    model: {
      ...base.model,
      sampling: {
        ...base.model.sampling,
        ...(temperature !== undefined ? { temperature } : {}),
        ...(maxTokens !== undefined ? { max_tokens: maxTokens } : {}),
      },
    },
    critic: { ...base.critic, sampling: { ...base.critic.sampling, ...(criticTokens !== undefined ? { max_tokens: criticTokens } : {}) } },
  };
  const server = serverOptions(values);
  const given = [values.endpoint, values['critic-endpoint']].filter((e): e is string => typeof e === 'string');
  const warnings = [...new Set(given.flatMap((e) => endpointWarnings(e, secretsIn(e), server.apiKey)))];
  return { config, personas, prompts, out, name: basename(out), retryMissing: values['retry-missing'] === true, server, warnings };
}
