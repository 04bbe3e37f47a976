/**
 * Runs a run: every planned pair through y_l (shared slots made once), critique, revision and the
 * judges in both orders, checkpointing after every call, so a reload or crash loses at most the
 * calls in flight. Resuming skips finished work; stages that failed on a backend error are tried
 * again; stages that failed on unreadable output or a request the server refuses as it is wait for
 * an explicit retry (`retryFailed`).
 * Transport failures are retried inside the call (`callOnce`); a shared y_l is made (or fails) once
 * per session however many pairs wait for it. A backend that cannot be reached, refuses the
 * credentials, has no such model, keeps rate-limiting, or fails several calls in a row after their
 * retries (or a GPU that is lost, or full storage) stops the whole run with a clear message
 * instead of failing every item in turn.
 */
import { isQuotaError, STORAGE_FULL_HINT, storageFullError } from '../storage-full';
import type { LlmClient } from '../llm/types';
import type { PromptItem } from '../prompts/types';
import { DeferredError, StageError, type StageResult } from './call';
import type { RoleSpec, RunPersona } from './config';
import type { DeferredRequest, StageContext } from './context';
import type { CachedCall } from './cache';
import { isRetryableFailure, itemStatus, mergeAttempt, withStage } from './item-state';
import { scanRun } from './run-scan';
import { sessionEnd, stopReason } from './run-end';
import { isTransient } from '../llm/retry';
import type { Verdict } from './parsers';
import { buildPlan, type PlannedPair, type PlannedSlot } from './plan';
import { ProgressTracker, type ProgressSnapshot } from './progress';
import { judgeStage, type JudgeOrder, type RunCounters, type RunItem, type RunRecord, type RunStatus, type StoredVerdict } from './records';
import { baseAnswer, critique, judge, revise } from './stages';
import type { PipelineStore } from './store';

/** The clients of a run's roles (judges in config order). */
export interface RunClients {
  /** y_l. */
  readonly generator: LlmClient;
  /** Critique and revision. */
  readonly critic: LlmClient;
  /** One per configured judge. */
  readonly judges: readonly LlmClient[];
}

/** How to run. */
export interface RunnerOptions {
  /** Where the run, its items and the cache live. */
  readonly store: PipelineStore;
  /** The role clients (wrap them with `Lanes` to share models across runs). */
  readonly clients: RunClients;
  /** Pauses the run (stages in flight stay pending). */
  readonly signal?: AbortSignal;
  /** Receives progress at most every `progressIntervalMs` and once at the end. */
  readonly onProgress?: (p: ProgressSnapshot) => void;
  /** Default 250 ms. */
  readonly progressIntervalMs?: number;
  /** Receives every pair item as it changes (the live list). */
  readonly onItem?: (item: RunItem) => void;
  /** Receives the text of calls in flight as it is generated: item id, stage, the text so far (empty at a call's start). */
  readonly onLiveText?: (itemId: string, stage: string, text: string) => void;
  /** Transport retries per call (default 4, see `DEFAULT_TRANSPORT_RETRIES`). */
  readonly transportRetries?: number;
  /** Delay before transport retry n, ms (default: exponential backoff with jitter); a server's Retry-After wins. */
  readonly retryDelayMs?: (n: number) => number;
  /** Told before every transport retry (the CLI prints the server's requested waits). */
  readonly onTransportRetry?: StageContext['onTransportRetry'];
  /** Batch mode: cache misses are handed here instead of being called. */
  readonly defer?: (r: DeferredRequest) => void;
}

/** How a session ended. */
export interface RunOutcome {
  /** The run's new status. */
  readonly status: RunStatus;
  /** Why it stopped early, if it did. */
  readonly error?: string;
  /** Pairs done, failed, waiting (batch) and still pending, over the whole plan. */
  readonly pairs: {
    readonly total: number;
    readonly done: number;
    readonly failed: number;
    readonly waiting: number;
    readonly pending: number;
  };
  /** Failed pairs a resume would try again (a backend error, not unreadable output nor a refused request). */
  readonly retryableFailed: number;
  /** Cumulative counters from the items. */
  readonly counters: RunCounters;
  /** Requests sent, requests answered and cache hits in this session. */
  readonly session: { readonly requests: number; readonly answered: number; readonly cacheHits: number };
}

type StageOutcome<T> = { ok: true; value: T } | { ok: false; waiting?: boolean; error?: string };
type Box = { item: RunItem };

class Execution {
  readonly tracker: ProgressTracker;
  readonly controller = new AbortController();
  readonly personas: Map<string, RunPersona>;
  readonly prompts: Map<string, PromptItem>;
  readonly inflight = new Map<string, Promise<StageOutcome<string>>>();
  readonly slotTexts = new Map<string, string>();
  /** Slots that failed or went to a batch file in this session: their pairs wait or fail without asking again. */
  readonly slotOutcomes = new Map<string, StageOutcome<string>>();
  /** Calls that failed after all their transport retries since the last answer. */
  failuresInARow = 0;
  /** Ids of the items that existed when the session started: others need no read. */
  existing: ReadonlySet<string> = new Set();
  /** Ids of items written in this session. */
  readonly written = new Set<string>();
  halt?: string;
  #lastEmit = 0;

  constructor(
    readonly run: RunRecord,
    readonly opts: RunnerOptions,
    totals: ReadonlyArray<[string, number]>,
  ) {
    this.tracker = new ProgressTracker(totals);
    this.personas = new Map(run.personas.map((p) => [p.id, p]));
    this.prompts = new Map(run.prompts.map((p) => [p.id, p]));
    opts.signal?.addEventListener('abort', () => this.controller.abort(opts.signal?.reason), { once: true });
    if (opts.signal?.aborted) this.controller.abort(opts.signal.reason);
  }

  get judges(): number {
    return this.run.config.judges.length;
  }

  emit(force = false): void {
    const now = Date.now();
    if (!this.opts.onProgress || (!force && now - this.#lastEmit < (this.opts.progressIntervalMs ?? 250))) return;
    this.#lastEmit = now;
    this.opts.onProgress(this.tracker.snapshot());
  }

  stop(message: string): void {
    this.halt ??= message;
    this.controller.abort(new Error(message));
  }

  /** Runs one stage of an item, with checkpoints after every attempt. */
  async stage<T>(
    box: Box,
    name: string,
    client: LlmClient,
    role: RoleSpec,
    sampleIndex: number,
    fn: (ctx: StageContext) => Promise<StageResult<T>>,
    post: (v: T) => unknown = (v) => v,
  ): Promise<StageOutcome<T>> {
    const prev = box.item.stages[name];
    if (prev?.status === 'done') return { ok: true, value: prev.output as T };
    if (prev?.status === 'failed' && !isRetryableFailure(prev)) return { ok: false, error: prev.error ?? 'failed' };
    if (prev?.status === 'failed') this.tracker.stage(name, 'undo-failed');
    let attempts = [...(prev?.attempts ?? [])];
    const { onLiveText } = this.opts;
    let live = '';
    const ctx: StageContext = {
      llm: client,
      seed: this.run.config.seed,
      signal: this.controller.signal,
      sampling: role.sampling,
      sampleIndex,
      maxAttempts: this.run.config.maxAttempts,
      firstAttempt: box.item.round * this.run.config.maxAttempts,
      cache: this.opts.store,
      ...(this.opts.transportRetries !== undefined ? { transportRetries: this.opts.transportRetries } : {}),
      ...(this.opts.retryDelayMs ? { retryDelayMs: this.opts.retryDelayMs } : {}),
      ...(this.opts.onTransportRetry ? { onTransportRetry: this.opts.onTransportRetry } : {}),
      ...(this.opts.defer ? { defer: this.opts.defer } : {}),
      ...(onLiveText ? { onDelta: (d: string) => onLiveText(box.item.id, name, (live += d)) } : {}),
      record: async (a, fresh, parsed) => {
        live = '';
        if (a.text !== undefined && !a.cached) this.failuresInARow = 0;
        attempts = mergeAttempt(attempts, a);
        this.tracker.call(a);
        const state = parsed
          ? { status: 'done' as const, attempts, output: post(parsed.value as T) }
          : { status: 'pending' as const, attempts };
        box.item = withStage(box.item, name, state, this.judges);
        if (parsed) this.tracker.stage(name, 'done');
        await this.save(box.item, fresh, name);
        if (parsed) this.note(box.item, name, 'done');
        this.emit();
      },
    };
    try {
      const res = await fn(ctx);
      return { ok: true, value: res.value };
    } catch (e) {
      if (e instanceof DeferredError) {
        // Waiting for a batch file changes nothing durable: written only over a failure it replaces.
        box.item = withStage(box.item, name, { status: 'waiting', attempts }, this.judges);
        if (prev?.status === 'failed') await this.save(box.item, undefined, name);
        return { ok: false, waiting: true };
      }
      if (!(e instanceof StageError)) throw e;
      if (e.kind === 'aborted') return { ok: false, error: 'paused' };
      const failure = e.kind;
      box.item = withStage(box.item, name, { status: 'failed', attempts, error: e.message, failure }, this.judges);
      this.tracker.stage(name, 'failed');
      await this.save(box.item, undefined, name);
      this.note(box.item, name, 'failed');
      if (e.llmError) {
        if (isTransient(e.llmError)) this.failuresInARow++;
        const reason = stopReason(e.llmError, this.failuresInARow);
        if (reason) this.stop(reason);
      }
      return { ok: false, error: e.message };
    }
  }

  note(item: RunItem, stage: string, status: 'done' | 'failed'): void {
    if (item.kind !== 'pair') return;
    this.tracker.latest({
      id: item.id,
      personaId: item.personaId ?? '',
      promptId: item.promptId,
      split: item.split ?? 'train',
      stage,
      status,
    });
    this.opts.onItem?.(item);
  }

  /** The checkpoint: the item (and a new cache entry) written together. */
  save(item: RunItem, call?: CachedCall, stage?: string): Promise<void> {
    this.written.add(item.id);
    return this.opts.store.checkpoint(item, call, stage);
  }

  /** An item, read only when it existed at the start or was written in this session. */
  read(id: string): Promise<RunItem | undefined> {
    return this.existing.has(id) || this.written.has(id) ? this.opts.store.getItem(id) : Promise.resolve(undefined);
  }

  /** The y_l text of a slot, made (or failed, or deferred) once per session however many pairs wait for it. */
  slot(p: PlannedPair): Promise<StageOutcome<string>> {
    const text = this.slotTexts.get(p.ylId);
    if (text !== undefined) return Promise.resolve({ ok: true, value: text });
    const known = this.slotOutcomes.get(p.ylId);
    if (known) return Promise.resolve(known);
    let pending = this.inflight.get(p.ylId);
    if (!pending) {
      pending = this.makeSlot({ id: p.ylId, seq: 0, promptId: p.promptId, sampleIndex: p.sampleIndex }).finally(() =>
        this.inflight.delete(p.ylId),
      );
      this.inflight.set(p.ylId, pending);
    }
    return pending;
  }

  async makeSlot(s: PlannedSlot): Promise<StageOutcome<string>> {
    const prompt = this.prompts.get(s.promptId) as PromptItem;
    const box: Box = { item: (await this.read(s.id)) ?? newItem(this.run.id, 'yl', s.id, s.seq, s.promptId, s.sampleIndex) };
    const r = await this.stage(
      box,
      'base',
      this.opts.clients.generator,
      this.run.config.generator,
      s.sampleIndex,
      (ctx) => baseAnswer({ instruction: prompt.text }, ctx),
      (v) => v,
    );
    if (!r.ok) {
      if (r.error !== 'paused') this.slotOutcomes.set(s.id, r);
      return r;
    }
    const text = r.value.text;
    if (this.slotTexts.size >= 512) this.slotTexts.delete(this.slotTexts.keys().next().value as string);
    this.slotTexts.set(s.id, text);
    return { ok: true, value: text };
  }

  /** Works one pair as far as it can go. Resolves to its final status. */
  async pair(p: PlannedPair): Promise<RunItem['status']> {
    const { clients } = this.opts;
    const cfg = this.run.config;
    const stored = await this.read(p.id);
    if (stored?.status === 'done') return 'done';
    const box: Box = {
      item: stored ?? {
        ...newItem(this.run.id, 'pair', p.id, p.seq, p.promptId, p.sampleIndex),
        personaId: p.personaId,
        split: p.split,
        ylId: p.ylId,
      },
    };
    const persona = this.personas.get(p.personaId) as RunPersona;
    const instruction = (this.prompts.get(p.promptId) as PromptItem).text;
    const yl = await this.slot(p);
    if (!yl.ok) {
      if (yl.error === 'paused') return box.item.status;
      if (yl.waiting && !stored) return 'waiting'; // nothing of its own to write: its y_l is in a batch file
      const status = yl.waiting ? 'waiting' : 'failed';
      if (box.item.status !== status) {
        box.item = {
          ...box.item,
          status,
          updatedAt: Date.now(),
          ...(yl.waiting ? {} : { error: `The base answer y_l failed: ${yl.error ?? 'unknown error'}` }),
        };
        await this.save(box.item);
      }
      return box.item.status;
    }
    if (box.item.error) {
      const { error: _e, ...rest } = box.item;
      box.item = { ...rest, status: itemStatus(rest as RunItem, this.judges) } as RunItem;
    }
    const c = await this.stage(box, 'critique', clients.critic, cfg.critic, p.sampleIndex, (ctx) =>
      critique({ instruction, persona: persona.text, completion: yl.value }, ctx),
    );
    if (!c.ok) return box.item.status;
    const r = await this.stage(box, 'revise', clients.critic, cfg.critic, p.sampleIndex, (ctx) =>
      revise({ instruction, completion: yl.value, critique: c.value }, ctx),
    );
    if (!r.ok) return box.item.status;
    for (let j = 0; j < cfg.judges.length; j++) {
      for (const order of ['wl', 'lw'] as JudgeOrder[]) {
        if (this.controller.signal.aborted) return box.item.status;
        const [a, b] = order === 'wl' ? [r.value.text, yl.value] : [yl.value, r.value.text];
        const post = (v: Verdict): StoredVerdict => ({ ...v, winner: (v.choice === 'A') === (order === 'wl') ? 'yw' : 'yl' });
        await this.stage(
          box,
          judgeStage(j, order),
          clients.judges[j] as LlmClient,
          cfg.judges[j] as RoleSpec,
          p.sampleIndex,
          (ctx) => judge({ persona: persona.text, instruction, answerA: a, answerB: b }, ctx),
          post,
        );
      }
    }
    return box.item.status;
  }
}

function newItem(runId: string, kind: 'yl' | 'pair', id: string, seq: number, promptId: string, sampleIndex: number): RunItem {
  return { id, runId, kind, seq, promptId, sampleIndex, status: 'pending', stages: {}, round: 0, updatedAt: Date.now() };
}

/** Runs (or resumes) a run until every pair is done or failed, it is paused, or it must stop. */
export async function executeRun(runId: string, opts: RunnerOptions): Promise<RunOutcome> {
  const { store } = opts;
  const run = await store.getRun(runId);
  if (!run) throw new Error(`No run with id "${runId}".`);
  const plan = buildPlan(run.id, run.config, run.personas, run.prompts, run.pairs);
  const before = await scanRun(store, runId);
  const judges = run.config.judges.length;
  const totals: Array<[string, number]> = [
    ['base', plan.slots.length],
    ['critique', plan.pairs.length],
    ['revise', plan.pairs.length],
  ];
  if (judges) totals.push(['judge', plan.pairs.length * judges * 2]);
  const ex = new Execution(run, opts, totals);
  ex.existing = new Set(before.statuses.keys());
  for (const [stage, c] of before.stageCounts) {
    for (let i = 0; i < c.done; i++) ex.tracker.stage(stage, 'done');
    for (let i = 0; i < c.failed; i++) ex.tracker.stage(stage, 'failed');
  }
  await store.putRun({ ...run, status: 'running', updatedAt: Date.now(), counters: before.counters });
  const statuses = new Map(before.statuses);
  const todo = plan.pairs.filter((p) => statuses.get(p.id) !== 'done');
  for (const id of [...statuses.keys()]) if (!id.includes(':pair:')) statuses.delete(id);
  let next = 0;
  /** Storage filled while a pair was written: the run is paused, not failed (what was stored stays). */
  let storageFull = false;
  const worker = async () => {
    while (!ex.controller.signal.aborted && next < todo.length) {
      const p = todo[next++] as PlannedPair;
      try {
        statuses.set(p.id, await ex.pair(p));
      } catch (e) {
        if (isQuotaError(e)) storageFull = true;
        ex.stop(
          storageFull
            ? `${storageFullError('the run').message} ${STORAGE_FULL_HINT}`
            : `The run stopped on an unexpected error: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, run.config.concurrency) }, worker));
  ex.emit(true);
  const after = await scanRun(store, runId);
  const counts = { total: plan.pairs.length, done: 0, failed: 0, waiting: 0, pending: 0 };
  let retryableFailed = 0;
  for (const p of plan.pairs) {
    const s = statuses.get(p.id) ?? after.statuses.get(p.id) ?? 'pending';
    counts[s]++;
    if (s === 'failed' && after.retryable.has(p.id)) retryableFailed++;
  }
  const { status, error } =
    storageFull && ex.halt
      ? { status: 'paused' as const, error: ex.halt }
      : sessionEnd(ex.halt, opts.signal?.aborted === true, counts, retryableFailed);
  const latest = (await store.getRun(runId)) ?? run;
  const { error: _old, ...rest } = latest;
  try {
    await store.putRun({ ...rest, status, updatedAt: Date.now(), counters: after.counters, ...(error ? { error } : {}) });
  } catch (e) {
    // Even the run's status may not fit: it stays "running" as stored, which the next load shows as interrupted (resumable).
    if (!storageFull || !isQuotaError(e)) throw e;
  }
  const snap = ex.tracker.snapshot();
  return {
    status,
    ...(error ? { error } : {}),
    pairs: counts,
    retryableFailed,
    counters: after.counters,
    session: { requests: snap.requests, answered: snap.answered, cacheHits: snap.cacheHits },
  };
}
