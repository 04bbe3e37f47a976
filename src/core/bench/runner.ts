/**
 * Runs a bench: every (item, method, sample) through the model's answer, the critic and (when set)
 * the non-subtlety judge, each call through the one call path (`generateParsed`: templates, cache,
 * retries) and checkpointed as it finishes, `concurrency` samples at once. Resuming skips finished
 * work and serves every call made before from the cache, so running a finished bench again sends
 * nothing; samples whose backend failed are tried again; missing ones only with `retryMissing`.
 * A backend that cannot be reached stops the whole bench with one message.
 */
import { isTransient } from '../llm/retry';
import type { LlmError } from '../llm/errors';
import type { LlmClient } from '../llm/types';
import { generateParsed, StageError, type StageResult } from '../pipeline/call';
import type { RoleSpec, RunPersona } from '../pipeline/config';
import type { StageContext } from '../pipeline/context';
import { isRetryableFailure, mergeAttempt } from '../pipeline/item-state';
import { ProgressTracker, type ProgressSnapshot } from '../pipeline/progress';
import { stopReason } from '../pipeline/run-end';
import type { PromptItem } from '../prompts/types';
import { parseAnswer, type BenchAnswer } from './answers';
import { CRITIC_SCHEMA, parseCritique, type Critique } from './critic';
import { answerSchema, showsPersona, type MethodTemplate } from './methods';
import { type BenchRecord, type BenchSample, type BenchStatus, type SampleStage, type SampleStatus } from './records';
import { nextRound, withSampleStage } from './sample-state';
import { factsOf, type BenchResults } from './score';
import { benchUnits, scanBench, summarize, type Unit } from './scan';
import type { BenchStore } from './store';
import { parseSubtlety, SUBTLETY_SCHEMA } from './subtlety';
import { templateValues } from './template-file';

/** The clients of a bench's roles. */
export interface BenchClients {
  /** The model under test. */
  readonly model: LlmClient;
  /** The critic. */
  readonly critic: LlmClient;
  /** The non-subtlety judge (needed when the config has one). */
  readonly subtlety?: LlmClient;
}

/** Progress of a bench: the call tracker's snapshot and samples by status. */
export interface BenchProgress extends ProgressSnapshot {
  /** Samples by status over the whole bench (never-started ones are pending). */
  readonly samples: Readonly<Record<SampleStatus, number>> & { readonly total: number };
}

/** How to run. */
export interface BenchRunOptions {
  /** Where the bench, its samples and the cache live. */
  readonly store: BenchStore;
  /** The role clients (wrap them with `Lanes` to share a model with runs). */
  readonly clients: BenchClients;
  /** Stops the bench (calls in flight are interrupted; their samples stay pending). */
  readonly signal?: AbortSignal;
  /** Receives progress at most every `progressIntervalMs` (default 250) and once at the end. */
  readonly onProgress?: (p: BenchProgress) => void;
  readonly progressIntervalMs?: number;
  /** Receives every sample as it changes. */
  readonly onSample?: (s: BenchSample) => void;
  /** Receives the text of a call in flight as it is generated: sample id, stage, the text so far. */
  readonly onLiveText?: (sampleId: string, stage: SampleStage, text: string) => void;
  /** Gives missing samples a new round of attempts (new calls). */
  readonly retryMissing?: boolean;
  /** Transport retries per call (the call path's default when absent), their delay, and a hook told of each. */
  readonly transportRetries?: number;
  readonly retryDelayMs?: (n: number) => number;
  readonly onTransportRetry?: (error: LlmError, waitMs: number, retry: number) => void;
}

/** How a session ended. */
export interface BenchOutcome {
  /** The bench's new status. */
  readonly status: BenchStatus;
  /** Why it stopped early, if it did. */
  readonly error?: string;
  /** Samples by status over the whole bench. */
  readonly samples: Readonly<Record<SampleStatus, number>> & { readonly total: number };
  /** The results over every sample so far. */
  readonly results: BenchResults;
  /** Requests sent, requests answered and cache hits in this session. */
  readonly session: { readonly requests: number; readonly answered: number; readonly cacheHits: number };
}

type Outcome<T> = { ok: true; value: T } | { ok: false; paused?: boolean };
type Box = { s: BenchSample };
class Session {
  readonly controller = new AbortController();
  readonly personas: Map<string, RunPersona>;
  readonly prompts: Map<string, PromptItem>;
  readonly tracker: ProgressTracker;
  readonly statuses = new Map<string, SampleStatus>();
  readonly judged: boolean;
  halt?: string;
  /** Calls that failed after all their retries since the last answer (a server failing everything stops the bench). */
  failuresInARow = 0;
  #lastEmit = 0;

  constructor(
    readonly bench: BenchRecord,
    readonly opts: BenchRunOptions,
    readonly total: number,
  ) {
    this.personas = new Map(bench.personas.map((p) => [p.id, p]));
    this.prompts = new Map(bench.prompts.map((p) => [p.id, p]));
    this.judged = bench.config.subtlety !== null;
    this.tracker = new ProgressTracker([
      ['answer', total],
      ['critic', total],
      ...(this.judged ? [['subtlety', total] as [string, number]] : []),
    ]);
    opts.signal?.addEventListener('abort', () => this.controller.abort(opts.signal?.reason), { once: true });
    if (opts.signal?.aborted) this.controller.abort(opts.signal.reason);
  }

  counts(): BenchProgress['samples'] {
    const c = { pending: 0, done: 0, missing: 0, failed: 0, total: this.total };
    for (const s of this.statuses.values()) c[s]++;
    c.pending = this.total - c.done - c.missing - c.failed;
    return c;
  }

  emit(force = false): void {
    const now = Date.now();
    if (!this.opts.onProgress || (!force && now - this.#lastEmit < (this.opts.progressIntervalMs ?? 250))) return;
    this.#lastEmit = now;
    this.opts.onProgress({ ...this.tracker.snapshot(), samples: this.counts() });
  }

  stop(message: string): void {
    this.halt ??= message;
    this.controller.abort(new Error(message));
  }

  /** Runs one stage of a sample, checkpointing after every attempt. */
  async stage<T>(
    box: Box,
    name: SampleStage,
    client: LlmClient,
    role: RoleSpec,
    fn: (ctx: StageContext) => Promise<StageResult<T>>,
  ): Promise<Outcome<T>> {
    const prev = box.s.stages[name];
    if (prev?.status === 'done') return { ok: true, value: prev.output as T };
    if (prev?.status === 'failed' && !isRetryableFailure(prev)) return { ok: false };
    if (prev?.status === 'failed') this.tracker.stage(name, 'undo-failed');
    let attempts = [...(prev?.attempts ?? [])];
    const cfg = this.bench.config;
    const { onLiveText } = this.opts;
    let live = '';
    const ctx: StageContext = {
      llm: client,
      seed: cfg.seed,
      signal: this.controller.signal,
      sampling: role.sampling,
      sampleIndex: box.s.sample,
      maxAttempts: cfg.maxAttempts,
      firstAttempt: box.s.round * cfg.maxAttempts,
      cache: this.opts.store,
      ...(this.opts.transportRetries !== undefined ? { transportRetries: this.opts.transportRetries } : {}),
      ...(this.opts.retryDelayMs ? { retryDelayMs: this.opts.retryDelayMs } : {}),
      ...(this.opts.onTransportRetry ? { onTransportRetry: this.opts.onTransportRetry } : {}),
      ...(onLiveText ? { onDelta: (d: string) => onLiveText(box.s.id, name, (live += d)) } : {}),
      record: async (a, fresh, parsed) => {
        live = '';
        if (a.text !== undefined && !a.cached) this.failuresInARow = 0;
        attempts = mergeAttempt(attempts, a);
        this.tracker.call(a);
        const state = parsed ? { status: 'done' as const, attempts, output: parsed.value } : { status: 'pending' as const, attempts };
        box.s = withSampleStage(box.s, name, state, this.judged);
        if (parsed) this.tracker.stage(name, 'done');
        await this.opts.store.checkpoint(box.s, fresh, name);
        this.emit();
      },
    };
    try {
      return { ok: true, value: (await fn(ctx)).value };
    } catch (e) {
      if (!(e instanceof StageError)) throw e;
      if (e.kind === 'aborted') return { ok: false, paused: true };
      box.s = withSampleStage(box.s, name, { status: 'failed', attempts, error: e.message, failure: e.kind }, this.judged);
      this.tracker.stage(name, 'failed');
      await this.opts.store.checkpoint(box.s, undefined, name);
      if (e.llmError) {
        if (isTransient(e.llmError)) this.failuresInARow++;
        const reason = stopReason(e.llmError, this.failuresInARow);
        if (reason) this.stop(reason);
      }
      return { ok: false };
    }
  }

  /** Works one sample as far as it can go; resolves to it, or undefined when it was already final. */
  async unit(u: Unit, existing: boolean): Promise<BenchSample | undefined> {
    const known = this.statuses.get(u.id);
    if (known === 'done' || (known === 'missing' && !this.opts.retryMissing)) return undefined;
    const cfg = this.bench.config;
    const item = this.bench.items[u.item] as BenchRecord['items'][number];
    let stored = existing ? await this.opts.store.getSample(u.id) : undefined;
    if (stored?.status === 'missing' && this.opts.retryMissing) {
      stored = nextRound(stored, this.judged);
      await this.opts.store.checkpoint(stored); // whole: the cleared stages must not come back
    }
    const box: Box = {
      s: stored ?? {
        id: u.id,
        benchId: this.bench.id,
        method: u.method,
        item: u.item,
        personaId: item.personaId,
        promptId: item.promptId,
        sample: u.sample,
        status: 'pending',
        stages: {},
        round: 0,
        updatedAt: Date.now(),
      },
    };
    const persona = (this.personas.get(item.personaId) as RunPersona).text;
    const question = (this.prompts.get(item.promptId) as PromptItem).text;
    const mt = cfg.templates.methods[u.method] as MethodTemplate;
    const schema = answerSchema(mt);
    const answer = await this.stage<BenchAnswer>(box, 'answer', this.opts.clients.model, cfg.model, (ctx) =>
      generateParsed(ctx, {
        template: mt.template,
        // The baseline's values hold no persona at all, so no template can show it.
        values: templateValues(showsPersona(u.method) ? { persona, question } : { question }),
        parse: (raw) => parseAnswer(raw, mt),
        ...(schema ? { jsonSchema: schema } : {}),
      }),
    );
    if (answer.ok) {
      const values = templateValues({ persona, question, answer: answer.value.text });
      const critic = await this.stage<Critique>(box, 'critic', this.opts.clients.critic, cfg.critic, (ctx) =>
        generateParsed(ctx, { template: cfg.templates.critic, values, parse: parseCritique, jsonSchema: CRITIC_SCHEMA }),
      );
      if (critic.ok && cfg.subtlety && this.opts.clients.subtlety)
        await this.stage(box, 'subtlety', this.opts.clients.subtlety, cfg.subtlety, (ctx) =>
          generateParsed(ctx, { template: cfg.templates.subtlety, values, parse: parseSubtlety, jsonSchema: SUBTLETY_SCHEMA }),
        );
    }
    this.statuses.set(u.id, box.s.status);
    if (box.s !== stored) this.opts.onSample?.(box.s);
    return box.s;
  }
}

/**
 * A session's end in the words runs use: "failed" when the bench was stopped or no sample could be
 * scored, "incomplete" when some samples failed on backend errors a resume tries again, "done" when
 * every sample was scored or is missing for good.
 */
function benchEnd(
  halt: string | undefined,
  paused: boolean,
  c: Readonly<Record<SampleStatus, number>>,
): { status: BenchStatus; error?: string } {
  if (halt) return { status: 'failed', error: halt };
  if (paused || c.pending) return { status: 'paused' };
  if (c.done === 0 && c.missing + c.failed > 0)
    return {
      status: 'failed',
      error: `No sample could be scored: ${c.missing} missing, ${c.failed} failed (their errors are in the samples).`,
    };
  if (c.failed)
    return {
      status: 'incomplete',
      error: `${c.failed} sample(s) failed on backend errors after every retry; resume the bench to try them again.`,
    };
  return { status: 'done' };
}

/** Runs (or resumes) a bench until every sample is scored or missing, it is stopped, or it must stop. */
export async function executeBench(benchId: string, opts: BenchRunOptions): Promise<BenchOutcome> {
  const { store } = opts;
  const bench = await store.getBench(benchId);
  if (!bench) throw new Error(`No bench with id "${benchId}".`);
  if (bench.config.subtlety && !opts.clients.subtlety)
    throw new Error('The bench has a non-subtlety judge but no client was given for it.');
  const units = benchUnits(bench);
  const facts = await scanBench(store, bench);
  const existing = new Set(facts.keys());
  const session = new Session(bench, opts, units.length);
  for (const [id, f] of facts) {
    if (f.status !== 'pending') session.statuses.set(id, f.status);
    for (const [name, st] of Object.entries(f.stages)) if (st === 'done' || st === 'failed') session.tracker.stage(name, st);
  }
  const { error: _old, ...fresh } = bench;
  await store.putBench({ ...fresh, status: 'running', updatedAt: Date.now() });
  let next = 0;
  const worker = async () => {
    while (!session.controller.signal.aborted && next < units.length) {
      const u = units[next++] as Unit;
      try {
        const s = await session.unit(u, existing.has(u.id));
        if (s) facts.set(u.id, factsOf(s));
      } catch (e) {
        const quota = e instanceof Error && /quota/i.test(`${e.name} ${e.message}`);
        session.stop(
          quota
            ? 'Browser storage is full: free space (delete old benches, runs or the call cache) and resume.'
            : `The bench stopped on an unexpected error: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, bench.config.concurrency) }, worker));
  session.emit(true);
  const after = summarize(bench, facts);
  const counts = session.counts();
  const { status, error } = benchEnd(session.halt, opts.signal?.aborted === true, counts);
  const latest = (await store.getBench(benchId)) ?? bench;
  const { error: _e, ...rest } = latest;
  const { total: _t, ...byStatus } = counts;
  await store.putBench({
    ...rest,
    status,
    updatedAt: Date.now(),
    counters: after.counters,
    counts: byStatus,
    results: after.results,
    ...(error ? { error } : {}),
  });
  const snap = session.tracker.snapshot();
  return {
    status,
    ...(error ? { error } : {}),
    samples: counts,
    results: after.results,
    session: { requests: snap.requests, answered: snap.answered, cacheHits: snap.cacheHits },
  };
}
