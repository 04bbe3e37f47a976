/**
 * What every pipeline stage receives besides its input: the `LlmClient` to call, the run seed,
 * the `AbortSignal`, the role's sampling parameters and the places calls are cached and recorded.
 * Stages are plain async functions of `(input, ctx)` (after inspect_ai's solvers).
 */
import type { LlmClient, SamplingOptions, Usage, FinishReason } from '../llm/types';
import type { SerializedLlmError } from '../llm/errors';
import type { CachedCall, CallCache, CallStore } from './cache';

/** One call made (or served from the cache) by a stage, kept with the item for the record. */
export interface AttemptRecord {
  /** The cache key of the call. */
  readonly key: string;
  /** Parse attempt number (see `CallIdentity.attempt`). */
  readonly attempt: number;
  /** The raw output; undefined when the call failed. */
  readonly text?: string;
  /** Why generation ended; undefined when the call failed. */
  readonly finishReason?: FinishReason;
  /** Token counts when known. */
  readonly usage?: Usage;
  /** True when the answer came from the cache (no request was sent). */
  readonly cached: boolean;
  /** Why the output could not be read; undefined when it could (or when the call failed). */
  readonly parseError?: string;
  /** The backend failure; undefined when the call returned. */
  readonly error?: SerializedLlmError;
  /** Requests sent for this attempt, transport retries included (0 when cached). */
  readonly requests: number;
  /** Milliseconds from first request to answer (0 when cached). */
  readonly ms: number;
  /** When the attempt ended (ms since the epoch). */
  readonly at: number;
}

/** A request that a batch file will carry instead of a live call. */
export interface DeferredRequest {
  /** The cache key, used as the batch line's `custom_id`. */
  readonly key: string;
  /** The client the call was meant for. */
  readonly backend: string;
  /** The model id. */
  readonly model: string;
  /** The request. */
  readonly request: import('../llm/types').GenerateRequest;
  /** The template's version (so the manifest can say which stage a line belongs to). */
  readonly templateVersion: string;
}

/** The context of a stage call. */
export interface StageContext {
  /** The client for this stage's role. */
  readonly llm: LlmClient;
  /** The run seed; request seeds are derived from it, the sample index and the attempt. */
  readonly seed: number;
  /** Cancels the stage: calls in flight reject with an "aborted" LlmError. */
  readonly signal: AbortSignal;
  /** The role's sampling parameters (a `seed` here overrides the derived one). */
  readonly sampling: SamplingOptions;
  /** Which independent sample this is (y_l sharing: one per prompt and sample index). */
  readonly sampleIndex: number;
  /** Parse attempts per stage before it fails (≥ 1). */
  readonly maxAttempts: number;
  /** First attempt number: 0, or round × maxAttempts when a failed item is retried. */
  readonly firstAttempt?: number;
  /** The largest max_tokens a cut-off answer is asked again with (default `MAX_TOKENS_CAP`, 4096). */
  readonly maxTokensCap?: number;
  /** Extra tries after a transient transport failure (`isTransient` in src/core/llm/retry.ts); default 4. */
  readonly transportRetries?: number;
  /** Delay before transport retry n (0-based), ms; default `backoffMs` (500·2ⁿ with jitter). A server's Retry-After wins. */
  readonly retryDelayMs?: (n: number) => number;
  /** Told before every transport retry: the failure, the wait in ms and the retry's number (1-based). */
  readonly onTransportRetry?: (error: import('../llm/errors').LlmError, waitMs: number, retry: number) => void;
  /** Where answers are looked up before calling; none means always call. */
  readonly cache?: CallCache;
  /**
   * Called after every attempt, with the new cache entry when a request was answered and the parsed
   * value when the output could be read; the runner checkpoints here (item and cache entry written
   * together, the stage marked done in the same write).
   */
  readonly record?: (attempt: AttemptRecord, fresh: CachedCall | undefined, parsed?: { readonly value: unknown }) => Promise<void>;
  /** Receives the text of a call as it is generated (the client streams when it can). */
  readonly onDelta?: (delta: string) => void;
  /** When set, cache misses are not called but handed here, and the stage throws `DeferredError`. */
  readonly defer?: (request: DeferredRequest) => void;
}

/** The cache and record hooks that look answers up in `store` and write every new one to it. */
export function storingCalls(store: CallStore): Pick<StageContext, 'cache' | 'record'> {
  return {
    cache: store,
    record: async (_attempt, fresh) => {
      if (fresh) await store.checkpoint(undefined, fresh);
    },
  };
}

/**
 * A context for calls made outside a run (persona review and enrichment, prompt classifiers,
 * leave-one-out): answers are looked up in `store` and every new one is written to it. Without a
 * store, nothing is cached. `sampleIndex` defaults to 0.
 */
export function callContext(
  base: Omit<StageContext, 'cache' | 'record' | 'sampleIndex'> & { readonly sampleIndex?: number },
  store?: CallStore,
): StageContext {
  return { sampleIndex: 0, ...base, ...(store ? storingCalls(store) : {}) };
}
