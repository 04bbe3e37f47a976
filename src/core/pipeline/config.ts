/**
 * A run's configuration: who plays generator, critic and judges (each its own backend, model and
 * sampling), the sampling plan, y_l sharing, retries and the seed.
 */
import type { SamplingOptions } from '../llm/types';
import type { Persona, PersonaSplit } from '../personas/schema';
import { renderPersona } from '../personas/render';

/** Which backend and model a role uses. */
export interface ModelRef {
  /** Backend family: "webllm", "openai-http", or a test engine's name. */
  readonly backend: string;
  /** Model id as the backend names it. */
  readonly model: string;
  /** API root for "openai-http" (e.g. http://127.0.0.1:8000/v1); undefined otherwise. */
  readonly baseUrl?: string;
}

/** One role: model and sampling. */
export interface RoleSpec {
  /** The model. */
  readonly model: ModelRef;
  /** Sampling parameters (every one recorded in the manifest and the cache key). */
  readonly sampling: SamplingOptions;
}

/** Pairs per persona: k = train + seenTest prompts from the train split, m = heldout from the held-out split. */
export interface PlanSizes {
  /** Pairs for training (paper: 100). */
  readonly train: number;
  /** Pairs on train-split prompts kept for testing (paper: 50). */
  readonly seenTest: number;
  /** Pairs on held-out prompts (paper: 50). */
  readonly heldout: number;
}

/** How base answers y_l are made. */
interface YlPolicy {
  /** "shared": one y_l per (prompt, sample index) serves every persona; "per-pair": the paper's one y_l per pair. */
  readonly mode: 'shared' | 'per-pair';
  /** Shared mode: distinct y_l per prompt; each pair uses one chosen by the seed (default 1). */
  readonly samples: number;
}

/** Everything that decides a run's output. */
export interface RunConfig {
  /** Run seed: plans, request seeds and splits derive from it. */
  readonly seed: number;
  /** Writes y_l. */
  readonly generator: RoleSpec;
  /** Writes the critique and the revision y_w. */
  readonly critic: RoleSpec;
  /** Role-play judges; each judges every pair in both orders. Empty: no judging. */
  readonly judges: readonly RoleSpec[];
  /** Pairs per persona. */
  readonly plan: PlanSizes;
  /** y_l sharing. */
  readonly yl: YlPolicy;
  /** Parse attempts per stage before an item fails (paper: not stated; default 3). */
  readonly maxAttempts: number;
  /** Pairs worked on at once (calls to one WebLLM model still go one at a time). */
  readonly concurrency: number;
  /** Held-out share used when the prompts carry no split (default 868/3868). */
  readonly heldoutFraction: number;
  /** Topics the plan draws prompts from (the prompts' `topic` ids); absent: every topic. */
  readonly topics?: readonly string[];
}

/** A persona as a run uses it: an id, a split and the text the model sees. */
export interface RunPersona {
  /** Persona id. */
  readonly id: string;
  /** The persona's own split (PERSONA: 1,000 train, 586 test personas); undefined when not given. */
  readonly split?: PersonaSplit;
  /** The persona rendered as the critique's DEMOGRAPHIC and the judge's PERSON. */
  readonly text: string;
}

/** A full persona record as a run persona (all attributes, `renderPersona`). */
export function toRunPersona(p: Persona): RunPersona {
  return { id: p.id, split: p.split, text: renderPersona(p) };
}

/** The paper's plan: 150 train-split prompts (100 train + 50 seen test) plus 50 held-out per persona. */
export const PAPER_PLAN: PlanSizes = { train: 100, seenTest: 50, heldout: 50 };

/** A laptop-sized plan: 4 train + 2 seen test + 2 held-out pairs per persona. */
export const LAPTOP_PLAN: PlanSizes = { train: 4, seenTest: 2, heldout: 2 };

/** The plan for `--per-persona k`: k train-split prompts split 2:1 into train and seen test (the paper's 100:50), plus round(k/3) held-out. */
export function planForPerPersona(k: number): PlanSizes {
  const seenTest = Math.round(k / 3);
  return { train: Math.max(0, k - seenTest), seenTest, heldout: seenTest };
}

/**
 * The one set of default sampling parameters, shared by the CLI, the Runs form and the chat: answers
 * and critiques sampled at 0.7, the judge greedy, the chat's role-play at 0.8. The token budgets
 * leave room for whole answers (a 400-token cap cut many real answers mid-sentence); an answer that
 * is still cut off is asked again once with twice the budget (`generateParsed`).
 */
export const DEFAULT_SAMPLING = {
  generator: { temperature: 0.7, top_p: 0.95, max_tokens: 1024 },
  critic: { temperature: 0.7, top_p: 0.95, max_tokens: 1024 },
  judge: { temperature: 0, max_tokens: 512 },
  chat: { temperature: 0.8, top_p: 0.95, max_tokens: 1024 },
} as const satisfies Record<string, SamplingOptions>;

/** A complete config from a model per role and optional overrides. */
export function makeConfig(
  models: { generator: ModelRef; critic?: ModelRef; judges?: readonly ModelRef[] },
  overrides: Partial<Omit<RunConfig, 'generator' | 'critic' | 'judges'>> = {},
): RunConfig {
  return {
    seed: 1,
    plan: LAPTOP_PLAN,
    yl: { mode: 'shared', samples: 1 },
    maxAttempts: 3,
    concurrency: 2,
    heldoutFraction: 868 / 3868,
    ...overrides,
    generator: { model: models.generator, sampling: DEFAULT_SAMPLING.generator },
    critic: { model: models.critic ?? models.generator, sampling: DEFAULT_SAMPLING.critic },
    judges: (models.judges ?? []).map((m) => ({ model: m, sampling: DEFAULT_SAMPLING.judge })),
  };
}

/** "backend:model" (and the URL for HTTP backends): how manifests and exports name a model. */
export function modelLabel(m: ModelRef): string {
  return `${m.backend}:${m.model}${m.baseUrl ? `@${m.baseUrl}` : ''}`;
}
