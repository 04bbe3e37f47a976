/**
 * What a bench stores: the bench record (config, manifest, the chosen personas, prompts and items,
 * counters and the latest results) and one sample per (method, item, sample index), each stage with
 * its status, parsed output and every attempt's raw output, like a run's items.
 */
import type { RunPersona } from '../pipeline/config';
import type { StageState } from '../pipeline/records';
import type { PromptItem } from '../prompts/types';
import type { BenchAnswer } from './answers';
import type { BenchConfig } from './config';
import type { Critique } from './critic';
import type { BenchMethod } from './methods';
import type { BenchResults } from './score';
import type { SubtletyVerdict } from './subtlety';

/** One item: a persona and a prompt. */
export interface BenchItem {
  /** The persona's id. */
  readonly personaId: string;
  /** The prompt's id. */
  readonly promptId: string;
}

/**
 * Where a sample stands. "done": the critic decided; "missing": its answer or its critique stayed
 * unreadable after every attempt (scored neither pass nor fail); "failed": the backend failed (tried
 * again on resume); "pending": not finished.
 */
export type SampleStatus = 'pending' | 'done' | 'missing' | 'failed';

/** Stage names of a sample. */
export type SampleStage = 'answer' | 'critic' | 'subtlety';

/** One answer of the model under test, with its critique. */
export interface BenchSample {
  /** `sampleId(benchId, method, item, sample)`. */
  readonly id: string;
  /** The bench. */
  readonly benchId: string;
  /** The method. */
  readonly method: BenchMethod;
  /** Position of the item in the bench's item list. */
  readonly item: number;
  /** The persona. */
  readonly personaId: string;
  /** The prompt. */
  readonly promptId: string;
  /** Sample index, 0 … n−1 (each its own request seed). */
  readonly sample: number;
  /** Where it stands. */
  readonly status: SampleStatus;
  /** The answer, the critique and (when judged) the subtlety verdict. */
  readonly stages: {
    readonly answer?: StageState<BenchAnswer>;
    readonly critic?: StageState<Critique>;
    readonly subtlety?: StageState<SubtletyVerdict>;
  };
  /** Retry round: attempt numbers start at round × maxAttempts, so `retryMissing` makes new calls. */
  readonly round: number;
  /** Why it is missing or failed. */
  readonly error?: string;
  /** Last change (ms since the epoch). */
  readonly updatedAt: number;
}

/** The id of a sample. */
export function sampleId(benchId: string, method: BenchMethod, item: number, sample: number): string {
  return `${benchId}:${method}:${String(item).padStart(6, '0')}:${String(sample).padStart(3, '0')}`;
}

/**
 * A bench's lifecycle, in the words runs use: "interrupted" was cut short by a reload; "failed" was stopped
 * (unreachable server, refused key, no such model) or scored nothing; "incomplete" has samples a resume tries
 * again; "done" has every sample scored or missing for good. All but "done" can resume.
 */
export type BenchStatus = 'ready' | 'running' | 'paused' | 'interrupted' | 'done' | 'incomplete' | 'failed';

/** Call counters over every session. */
export interface BenchCounters {
  /** Requests sent, transport retries included. */
  readonly requests: number;
  /** Calls answered from the cache. */
  readonly cacheHits: number;
  /** Attempts that ended in a backend error. */
  readonly callErrors: number;
  /** Attempts whose output could not be read. */
  readonly parseFailures: number;
  /** Prompt tokens of answered calls (cached ones included). */
  readonly promptTokens: number;
  /** Completion tokens of answered calls (cached ones included). */
  readonly completionTokens: number;
  /** Milliseconds spent in requests answered fresh (for time estimates). */
  readonly callMs: number;
  /** Requests answered fresh (for time estimates). */
  readonly freshCalls: number;
}

/** All counters at zero. */
export const ZERO_BENCH_COUNTERS: BenchCounters = {
  requests: 0,
  cacheHits: 0,
  callErrors: 0,
  parseFailures: 0,
  promptTokens: 0,
  completionTokens: 0,
  callMs: 0,
  freshCalls: 0,
};

/** How a bench's data was made. */
interface BenchManifest {
  /** "persona-lab". */
  readonly app: string;
  /** Persona Lab's version. */
  readonly appVersion: string;
  /** When the bench was created (ISO 8601). */
  readonly createdAt: string;
  /** Template versions by role ("baseline", …, "critic", "subtlety"). */
  readonly templates: Readonly<Record<string, string>>;
  /** Input sizes and content hashes (of the whole files, before the selection). */
  readonly inputs: {
    readonly personas: { readonly count: number; readonly hash: string };
    readonly prompts: { readonly count: number; readonly hash: string };
  };
  /** Items, samples and calls planned, and what the selection could not meet. */
  readonly plan: { readonly items: number; readonly samples: number; readonly warnings: readonly string[] };
}

/** A bench. */
export interface BenchRecord {
  /** Bench id. */
  readonly id: string;
  /** A name for people. */
  readonly name: string;
  /** Lifecycle state. */
  readonly status: BenchStatus;
  /** Why it stopped, when it did not finish. */
  readonly error?: string;
  /** The config. */
  readonly config: BenchConfig;
  /** The manifest. */
  readonly manifest: BenchManifest;
  /** The chosen personas (only those of some item). */
  readonly personas: readonly RunPersona[];
  /** The chosen prompts (only those of some item), with their splits. */
  readonly prompts: readonly PromptItem[];
  /** The items, in order. */
  readonly items: readonly BenchItem[];
  /** Call counters. */
  readonly counters: BenchCounters;
  /** Sample counts by status, as of the last session. */
  readonly counts?: Readonly<Record<SampleStatus, number>>;
  /** The results as of the last session (the leaderboard reads these). */
  readonly results?: BenchResults;
  /** Created (ms since the epoch). */
  readonly createdAt: number;
  /** Last change (ms since the epoch). */
  readonly updatedAt: number;
}
