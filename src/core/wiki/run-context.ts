/**
 * What every step of a running study shares: the study, its store, the clients of its two roles,
 * the one call path (`generateParsed`, with the call cache and a record hook that writes each new
 * answer to the cache at once), failure bookkeeping per item, a small worker pool, and progress.
 */
import { isQuotaError, storageFullError } from '../storage-full';
import { isLlmError, type LlmError } from '../llm/errors';
import type { LlmClient, SamplingOptions, ScoreRequest, ScoreResult } from '../llm/types';
import { generateParsed, StageError, type ParsedCall } from '../pipeline/call';
import { canonicalJson, type CallStore } from '../pipeline/cache';
import { hashHex } from '../random';
import type { StageContext } from '../pipeline/context';
import { FAMOUS_PEOPLE, type FamousPerson } from './famous';
import type { WikiStore, WikiStudyRecord, WikiValues } from './store';
import type { StudyStep, WikiStudyConfig } from './study';

/** The study's two roles: the model being personalised (candidates, personas, scoring) and the judge (questions, labels, strong and gold personas). */
interface StudyClients {
  /** The baseline model (the paper's Zephyr). */
  readonly generator: LlmClient;
  /** The personal judge and second model (the paper's GPT-4). */
  readonly judge: LlmClient;
  /** The generic reward model of the candidates' filter (Appendix B.2), when one can score a given text; absent: the generator. */
  readonly reward?: LlmClient;
}

/** The roles that generate text. */
type Role = 'generator' | 'judge';

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
  /** Extra tries of a call after a reset, timeout, 429 or 5xx (the one call path's default when absent). */
  readonly transportRetries?: number;
  /** Told before each transport retry (what failed, how long it waits, which retry). */
  readonly onTransportRetry?: StageContext['onTransportRetry'];
}

/** Failures that stop the whole study instead of one item. */
const FATAL = new Set([
  'network',
  'cors',
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

/** The `StudyStopped` a failure means when it stops the whole study (a stop, or a failure every item would meet); undefined for one item's failure. */
export function stopFor(e: unknown, signal: AbortSignal): StudyStopped | undefined {
  if (e instanceof StudyStopped) return e;
  if (signal.aborted) return new StudyStopped('Stopped.', true);
  if (isQuotaError(e)) return new StudyStopped(storageFullError('the study').message, false); // every item's write would fail too
  const llm = e instanceof StageError ? e.llmError : isLlmError(e) ? e : undefined;
  if (llm && FATAL.has(llm.kind)) return new StudyStopped(`${llm.message}${llm.hint ? ` ${llm.hint}` : ''}`, false, llm);
  return undefined;
}

/** The run's shared state. */
export class StudyRun {
  /** Requests sent and answers served from the cache this session. */
  readonly session = { requests: 0, cacheHits: 0, completionTokens: 0, ms: 0, failures: 0 };
  /** Set once the server's embeddings failed (the rest of the run uses TF-IDF without asking again). */
  embeddingsFailed = false;
  #fallbacks = new Set<string>();
  #once = new Map<string, Promise<unknown>>();

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

  /** The value of `make`, made once per run under `key` (decisions several items wait on, such as a probe). */
  once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let p = this.#once.get(key) as Promise<T> | undefined;
    if (!p) this.#once.set(key, (p = make()));
    return p;
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

  #ctx(role: Role, sampleIndex: number, sampling: SamplingOptions, firstAttempt: number): StageContext {
    return {
      llm: this.deps.clients[role],
      seed: this.config.seed,
      signal: this.deps.signal,
      sampling,
      sampleIndex,
      maxAttempts: this.config.maxAttempts,
      firstAttempt,
      cache: this.deps.calls,
      ...(this.deps.transportRetries !== undefined ? { transportRetries: this.deps.transportRetries } : {}),
      ...(this.deps.onTransportRetry ? { onTransportRetry: this.deps.onTransportRetry } : {}),
      record: async (attempt, fresh) => {
        if (attempt.cached) this.session.cacheHits++;
        else this.session.requests += attempt.requests;
        if (fresh) {
          this.session.completionTokens += fresh.usage?.completionTokens ?? 0;
          this.session.ms += fresh.ms;
          await this.deps.calls.checkpoint(undefined, fresh);
        }
      },
    };
  }

  /**
   * One call through the one call path. Resolves to the parsed value, or undefined when the item
   * failed (recorded under `failKey`, with the round of attempts it used). Throws `StudyStopped` on a
   * stop or a failure no other item could escape (unreachable server, refused credentials, …).
   */
  async call<T>(role: Role, sampleIndex: number, sampling: SamplingOptions, call: ParsedCall<T>, failKey: string): Promise<T | undefined> {
    this.checkStopped();
    const failures = await this.#failures();
    const failed = failures.get(failKey);
    const round = failed ? failed.round + (this.deps.retryFailed ? 1 : 0) : 0;
    try {
      const r = await generateParsed(this.#ctx(role, sampleIndex, sampling, round * this.config.maxAttempts), call);
      if (failed) {
        failures.delete(failKey);
        await this.store.remove(this.study.id, 'failure', failKey);
      }
      return r.value;
    } catch (e) {
      const stop = stopFor(e, this.deps.signal);
      if (stop) throw stop;
      if (!(e instanceof StageError)) throw e;
      await this.fail(failKey, e.message, round);
      return undefined;
    }
  }

  /**
   * The log-probabilities of a given text by `client` (it must have `score`), stored in the study
   * under a hash of the client, prompt and continuation the moment they arrive, so a resumed study
   * does not ask again. Rejects with the backend's `LlmError`.
   */
  async score(client: LlmClient, request: ScoreRequest): Promise<ScoreResult> {
    const key = `s-${hashHex(canonicalJson([client.backend, client.model, request.prompt, request.continuation]), 4)}`;
    const scores = await this.once('scores', async () => new Map(await this.store.entries(this.study.id, 'score')));
    const stored = scores.get(key);
    if (stored) {
      this.session.cacheHits++;
      return stored;
    }
    this.checkStopped();
    const r = await client.score!(request, { signal: this.deps.signal });
    this.session.requests++;
    const value = { tokens: r.tokens, sumLogprob: r.sumLogprob, meanLogprob: r.meanLogprob };
    scores.set(key, value);
    await this.store.put(this.study.id, 'score', key, value);
    return r;
  }

  /** The study's recorded failures by key, read once per run and kept up to date. */
  #failures(): Promise<Map<string, WikiValues['failure']>> {
    return this.once('failures', async () => new Map(await this.store.entries(this.study.id, 'failure')));
  }

  /** Records an item's failure. */
  async fail(key: string, error: string, round = 0): Promise<void> {
    this.session.failures++;
    (await this.#failures()).set(key, { error, round });
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
