/**
 * What every step of a running study shares: the study, its store, the clients of its two roles,
 * the one call path (`generateParsed`, with the call cache and a record hook that writes each new
 * answer to the cache at once), failure bookkeeping per item, a small worker pool, and progress.
 */
import { isLlmError, type LlmError } from '../llm/errors';
import type { LlmClient, SamplingOptions } from '../llm/types';
import { generateParsed, StageError, type ParsedCall } from '../pipeline/call';
import type { CachedCall, CallCache } from '../pipeline/cache';
import type { StageContext } from '../pipeline/context';
import { FAMOUS_PEOPLE, type FamousPerson } from './famous';
import type { WikiStore, WikiStudyRecord } from './store';
import type { StudyStep, WikiStudyConfig } from './study';

/** The call cache a study writes to (the pipeline's store: `checkpoint(undefined, call)` there). */
export interface CallStore extends CallCache {
  /** Stores a new answer. */
  putCall(call: CachedCall): Promise<void>;
}

/** The study's two roles: the model being personalised (candidates, personas, scoring) and the judge (questions, labels, strong and gold personas). */
export interface StudyClients {
  /** The baseline model (the paper's Zephyr). */
  readonly generator: LlmClient;
  /** The personal judge and second model (the paper's GPT-4). */
  readonly judge: LlmClient;
}

/** Progress of one step. */
export interface StepProgress {
  /** The step. */
  readonly step: StudyStep;
  /** Items finished (stored) so far, including those found stored. */
  readonly done: number;
  /** Items the step has. */
  readonly total: number;
  /** Items that failed this session. */
  readonly failed: number;
}

/** What a study run needs. */
export interface StudyDeps {
  /** Where results go. */
  readonly store: WikiStore;
  /** The call cache. */
  readonly calls: CallStore;
  /** The clients. */
  readonly clients: StudyClients;
  /** Stops the run; calls in flight are interrupted and nothing half-made is stored. */
  readonly signal: AbortSignal;
  /** Items worked on at once (a WebGPU client still takes one request at a time). */
  readonly concurrency?: number;
  /** Give items that failed on unreadable output a new round of attempts. */
  readonly retryFailed?: boolean;
  /** Progress of the current step. */
  readonly onProgress?: (p: StepProgress) => void;
  /** Notes for people (fallbacks taken, items failed). */
  readonly onNote?: (message: string) => void;
}

/** Failures that stop the whole study instead of one item. */
const FATAL = new Set([
  'network',
  'auth',
  'not-found',
  'no-webgpu',
  'no-adapter',
  'device-lost',
  'model-not-loaded',
  'quota',
  'out-of-memory',
]);

/** An error that ends the run (unreachable server, lost GPU, stop). */
export class StudyStopped extends Error {
  override readonly name = 'StudyStopped';
  constructor(
    message: string,
    readonly aborted: boolean,
    readonly llmError?: LlmError,
  ) {
    super(message);
  }
}

/** The run's shared state. */
export class StudyRun {
  /** Requests sent and answers served from the cache this session. */
  readonly session = { requests: 0, cacheHits: 0, completionTokens: 0, ms: 0, failures: 0 };
  /** Set once the server's embeddings failed (the rest of the run uses TF-IDF without asking again). */
  embeddingsFailed = false;
  #fallbacks = new Set<string>();

  constructor(
    public study: WikiStudyRecord,
    readonly deps: StudyDeps,
  ) {}

  /** The configuration. */
  get config(): WikiStudyConfig {
    return this.study.config;
  }

  /** The studied people in the config's order. */
  get people(): FamousPerson[] {
    return this.config.people.flatMap((id) => this.study.people.filter((p) => p.id === id));
  }

  /** Everyone axes are drawn from: the famous set and the study's own people. */
  get everyone(): FamousPerson[] {
    const own = this.study.people.filter((p) => !FAMOUS_PEOPLE.some((f) => f.id === p.id));
    return [...FAMOUS_PEOPLE, ...own];
  }

  /** The store. */
  get store(): WikiStore {
    return this.deps.store;
  }

  /** Says something once (fallbacks). */
  noteOnce(key: string, message: string): void {
    if (this.#fallbacks.has(key)) return;
    this.#fallbacks.add(key);
    this.deps.onNote?.(message);
  }

  /** Throws `StudyStopped` when the run was stopped. */
  checkStopped(): void {
    if (this.deps.signal.aborted) throw new StudyStopped('Stopped.', true);
  }

  #ctx(role: keyof StudyClients, sampleIndex: number, sampling: SamplingOptions, firstAttempt: number): StageContext {
    return {
      llm: this.deps.clients[role],
      seed: this.config.seed,
      signal: this.deps.signal,
      sampling,
      sampleIndex,
      maxAttempts: this.config.maxAttempts,
      firstAttempt,
      cache: this.deps.calls,
      record: async (attempt, fresh) => {
        if (attempt.cached) this.session.cacheHits++;
        else this.session.requests += attempt.requests;
        if (fresh) {
          this.session.completionTokens += fresh.usage?.completionTokens ?? 0;
          this.session.ms += fresh.ms;
          await this.deps.calls.putCall(fresh);
        }
      },
    };
  }

  /**
   * One call through the one call path. Resolves to the parsed value, or undefined when the item
   * failed (recorded under `failKey`, with the round of attempts it used). Throws `StudyStopped` on a
   * stop or a failure no other item could escape (unreachable server, refused credentials, …).
   */
  async call<T>(
    role: keyof StudyClients,
    sampleIndex: number,
    sampling: SamplingOptions,
    call: ParsedCall<T>,
    failKey: string,
  ): Promise<T | undefined> {
    this.checkStopped();
    const failed = await this.store.get(this.study.id, 'failure', failKey);
    const round = failed ? failed.round + (this.deps.retryFailed ? 1 : 0) : 0;
    try {
      const r = await generateParsed(this.#ctx(role, sampleIndex, sampling, round * this.config.maxAttempts), call);
      if (failed) await this.store.remove(this.study.id, 'failure', failKey);
      return r.value;
    } catch (e) {
      if (this.deps.signal.aborted) throw new StudyStopped('Stopped.', true);
      const llm = e instanceof StageError ? e.llmError : isLlmError(e) ? e : undefined;
      if (llm && FATAL.has(llm.kind)) throw new StudyStopped(`${llm.message}${llm.hint ? ` ${llm.hint}` : ''}`, false, llm);
      if (!(e instanceof StageError)) throw e;
      await this.fail(failKey, e.message, round);
      return undefined;
    }
  }

  /** Records an item's failure. */
  async fail(key: string, error: string, round = 0): Promise<void> {
    this.session.failures++;
    await this.store.put(this.study.id, 'failure', key, { error, round });
    this.deps.onNote?.(`${key}: ${error}`);
  }

  /** Runs `fn` over items, `concurrency` at a time; stops taking new items once stopped. */
  async pool<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    let broken = false;
    const worker = async () => {
      while (next < items.length && !broken) {
        this.checkStopped();
        try {
          await fn(items[next++]!);
        } catch (e) {
          broken = true;
          throw e;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(items.length, Math.max(1, this.deps.concurrency ?? 2)) }, worker));
  }

  /** Reports a step's progress. */
  progress(step: StudyStep, done: number, total: number, failed = 0): void {
    this.deps.onProgress?.({ step, done, total, failed });
  }
}
