/**
 * A bench's configuration: the model under test and the critic (each a backend, a model and its
 * sampling), the optional non-subtlety judge, the methods, samples per item, how items are chosen,
 * the templates (built-in or the user's), retries, concurrency and the seed.
 */
import type { ModelRef, RoleSpec } from '../pipeline/config';
import type { PromptTemplate } from '../pipeline/templates';
import { PAPER_HELDOUT_FRACTION } from '../prompts/split';
import { CRITIC_TEMPLATE } from './critic';
import { BENCH_METHODS, METHOD_TEMPLATES, type BenchMethod, type MethodTemplate } from './methods';
import { SUBTLETY_TEMPLATE } from './subtlety';

/** How items (persona × prompt) are chosen. */
export interface BenchSelection {
  /** Personas of this split, or all of them (default "test", PERSONA's 586 test personas). */
  readonly personaSplit: 'test' | 'train' | 'all';
  /** Prompts of this split, or all of them (default "heldout"; prompts without a split are split with the seed). */
  readonly promptSplit: 'heldout' | 'train' | 'all';
  /** Prompts per persona, drawn without replacement with the seed (ignored when `items` is set). */
  readonly perPersona: number;
  /** Only the first this many personas of the split, in input order; undefined: all. */
  readonly maxPersonas?: number;
  /** A fixed number of items instead: that many distinct prompts, each with a persona drawn with the seed. */
  readonly items?: number;
}

/** Items per persona by default: two prompts for every persona of the split. */
export const DEFAULT_SELECTION: BenchSelection = { personaSplit: 'test', promptSplit: 'heldout', perPersona: 2 };

/**
 * The paper's design (Figure 10: "N = 700 questions randomized across 1000 personas"): 700 distinct
 * held-out prompts, each answered for a persona drawn from the first 1,000 of the train split (PERSONA's
 * 1,000 train personas).
 */
export const PAPER_SELECTION: BenchSelection = {
  personaSplit: 'train',
  promptSplit: 'heldout',
  perPersona: 1,
  maxPersonas: 1000,
  items: 700,
};

/** The templates a bench uses (the built-in ones unless the user loaded their own). */
export interface BenchTemplates {
  /** One per method of the bench. */
  readonly methods: Readonly<Partial<Record<BenchMethod, MethodTemplate>>>;
  /** The critic's. */
  readonly critic: PromptTemplate;
  /** The non-subtlety judge's. */
  readonly subtlety: PromptTemplate;
}

/** Everything that decides a bench's output. */
export interface BenchConfig {
  /** Seed of the item draw, the request seeds and the bootstrap. */
  readonly seed: number;
  /** The model under test and its sampling (temperature > 0 so samples differ). */
  readonly model: RoleSpec;
  /** The critic and its sampling. */
  readonly critic: RoleSpec;
  /** The non-subtlety judge (§5.2), or null for none. */
  readonly subtlety: RoleSpec | null;
  /** The methods, in `BENCH_METHODS` order. */
  readonly methods: readonly BenchMethod[];
  /** Answers per item and method, each with its own request seed (pass@k needs n ≥ k). */
  readonly samples: number;
  /** How items are chosen. */
  readonly selection: BenchSelection;
  /** The templates. */
  readonly templates: BenchTemplates;
  /** Parse attempts per call before a sample is scored missing (default 3). */
  readonly maxAttempts: number;
  /** Samples worked on at once (calls to one WebGPU model still go one at a time). */
  readonly concurrency: number;
  /** Held-out share for prompts without a split (default 868/3868). */
  readonly heldoutFraction: number;
  /** Bootstrap resamples for the accuracy's 95% interval (default 1000). */
  readonly resamples: number;
}

/** Default sampling: the answers sampled (so n samples differ), the critic and the judge greedy. */
export const BENCH_SAMPLING = {
  model: { temperature: 0.7, top_p: 0.95, max_tokens: 1024 },
  critic: { temperature: 0, max_tokens: 1024 },
  subtlety: { temperature: 0, max_tokens: 300 },
} as const;

/** The built-in templates of the given methods. */
function defaultTemplates(methods: readonly BenchMethod[] = BENCH_METHODS): BenchTemplates {
  return {
    methods: Object.fromEntries(methods.map((m) => [m, METHOD_TEMPLATES[m]])),
    critic: CRITIC_TEMPLATE,
    subtlety: SUBTLETY_TEMPLATE,
  };
}

/** A complete config from the models and optional overrides; custom templates replace the built-in ones they name. */
export function makeBenchConfig(
  models: { readonly model: ModelRef; readonly critic?: ModelRef; readonly subtlety?: ModelRef | null },
  overrides: Partial<Omit<BenchConfig, 'model' | 'critic' | 'subtlety' | 'templates'>> & {
    readonly templates?: Partial<Omit<BenchTemplates, 'methods'>> & { readonly methods?: BenchTemplates['methods'] };
  } = {},
): BenchConfig {
  const { templates: custom, ...rest } = overrides;
  const methods = BENCH_METHODS.filter((m) => (rest.methods ?? BENCH_METHODS).includes(m));
  const base = defaultTemplates(methods);
  const templates: BenchTemplates = {
    methods: Object.fromEntries(methods.map((m) => [m, custom?.methods?.[m] ?? base.methods[m]])),
    critic: custom?.critic ?? base.critic,
    subtlety: custom?.subtlety ?? base.subtlety,
  };
  const critic = models.critic ?? models.model;
  return {
    seed: 1,
    samples: 1,
    selection: DEFAULT_SELECTION,
    maxAttempts: 3,
    concurrency: 2,
    heldoutFraction: PAPER_HELDOUT_FRACTION,
    resamples: 1000,
    ...rest,
    methods,
    templates,
    model: { model: models.model, sampling: BENCH_SAMPLING.model },
    critic: { model: critic, sampling: BENCH_SAMPLING.critic },
    subtlety: models.subtlety ? { model: models.subtlety, sampling: BENCH_SAMPLING.subtlety } : null,
  };
}
