/**
 * The one way a stage calls a model: render the template, look the call up in the cache, call the
 * client (retrying transient transport failures), read the output with the stage's parser, and try
 * again with the next attempt number when the output cannot be read, a bounded number of times.
 * Every attempt, with its raw output, goes to `ctx.record`.
 */
import { LlmError, isLlmError } from '../llm/errors';
import { DEFAULT_TRANSPORT_RETRIES, isTransient as isTransientFailure, retryWaitMs } from '../llm/retry';
import type { GenerateRequest, GenerateResult } from '../llm/types';
import { hashHex } from '../random';
import { cacheKey, type CachedCall } from './cache';
import type { AttemptRecord, StageContext } from './context';
import type { Parsed } from './parsers';
import { renderTemplate, templateVersion, type PromptTemplate } from './templates';

/** A stage's value and every attempt it took. */
export interface StageResult<T> {
  /** The parsed output. */
  readonly value: T;
  /** The attempts, in order (the last one succeeded). */
  readonly attempts: readonly AttemptRecord[];
}

/** Why a stage gave up. */
export type StageFailureKind = 'unparseable' | 'llm-error' | 'aborted';

/** A stage that gave up; `attempts` holds every raw output it got. */
export class StageError extends Error {
  override readonly name = 'StageError';
  /** Why. */
  readonly kind: StageFailureKind;
  /** The attempts made, raw outputs included. */
  readonly attempts: readonly AttemptRecord[];
  /** The backend failure, for kind "llm-error" and "aborted". */
  readonly llmError?: LlmError;
  constructor(kind: StageFailureKind, message: string, attempts: readonly AttemptRecord[], llmError?: LlmError) {
    super(message);
    this.kind = kind;
    this.attempts = attempts;
    if (llmError) this.llmError = llmError;
  }
}

/** A stage whose call was handed to a batch file instead of being made. */
export class DeferredError extends Error {
  override readonly name = 'DeferredError';
  constructor(readonly key: string) {
    super('The call was deferred to a batch file.');
  }
}

/** True for failures worth another try of the same request (see `src/core/llm/retry.ts`). */
export const isTransient = isTransientFailure;

/** The request seed for an attempt: a 31-bit integer from the run seed, template, sample index and attempt. */
export function requestSeed(runSeed: number, version: string, sampleIndex: number, attempt: number): number {
  return parseInt(hashHex(`${runSeed}/${version}/${sampleIndex}/${attempt}`, 1), 16) & 0x7fffffff;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** One attempt's call: cache, then the client with transport retries. */
async function callOnce(
  ctx: StageContext,
  request: GenerateRequest,
  key: string,
  version: string,
): Promise<{ result: GenerateResult; cached: boolean; requests: number; ms: number; fresh?: CachedCall }> {
  const hit = await ctx.cache?.getCall(key);
  if (hit)
    return {
      result: { text: hit.text, finishReason: hit.finishReason, model: hit.model, ...(hit.usage ? { usage: hit.usage } : {}) },
      cached: true,
      requests: 0,
      ms: 0,
    };
  if (ctx.defer) {
    ctx.defer({ key, backend: ctx.llm.backend, model: ctx.llm.model, request, templateVersion: version });
    throw new DeferredError(key);
  }
  const retries = ctx.transportRetries ?? DEFAULT_TRANSPORT_RETRIES;
  const started = performance.now();
  for (let n = 0; ; n++) {
    try {
      if (ctx.signal.aborted) throw new LlmError('aborted', 'The run was paused.');
      const result = await ctx.llm.generate(request, ctx.onDelta ? { signal: ctx.signal, onDelta: ctx.onDelta } : { signal: ctx.signal });
      const ms = performance.now() - started;
      const fresh: CachedCall = {
        key,
        text: result.text,
        finishReason: result.finishReason,
        model: result.model,
        ms,
        createdAt: Date.now(),
        ...(result.usage ? { usage: result.usage } : {}),
      };
      return { result, cached: false, requests: n + 1, ms, fresh };
    } catch (e) {
      const err = isLlmError(e)
        ? e
        : new LlmError(ctx.signal.aborted ? 'aborted' : 'unknown', e instanceof Error ? e.message : String(e), { cause: e });
      const wait = n < retries && !ctx.signal.aborted && isTransient(err) ? retryWaitMs(err, n, key, ctx.retryDelayMs) : undefined;
      if (wait !== undefined) {
        ctx.onTransportRetry?.(err, wait, n + 1);
        await sleep(wait, ctx.signal);
        continue;
      }
      throw Object.assign(err, { requestsMade: n + 1 });
    }
  }
}

/** What `generateParsed` needs besides the context. */
export interface ParsedCall<T> {
  /** The template the messages come from. */
  readonly template: PromptTemplate;
  /** Its placeholder values. */
  readonly values: Readonly<Record<string, string>>;
  /** Reads the raw output. */
  readonly parse: (text: string) => Parsed<T>;
  /** A JSON Schema for the output, sent only when the client honours one. */
  readonly jsonSchema?: Readonly<Record<string, unknown>>;
}

/**
 * Calls until the output parses or `ctx.maxAttempts` attempts are spent. Rejects with a
 * `StageError` (every attempt attached) or a `DeferredError`.
 */
export async function generateParsed<T>(ctx: StageContext, call: ParsedCall<T>): Promise<StageResult<T>> {
  const version = templateVersion(call.template);
  const messages = renderTemplate(call.template, call.values);
  const attempts: AttemptRecord[] = [];
  const first = ctx.firstAttempt ?? 0;
  for (let attempt = first; attempt < first + Math.max(1, ctx.maxAttempts); attempt++) {
    const s = ctx.sampling;
    const request: GenerateRequest = {
      messages,
      ...(s.temperature !== undefined ? { temperature: s.temperature } : {}),
      ...(s.top_p !== undefined ? { top_p: s.top_p } : {}),
      ...(s.max_tokens !== undefined ? { max_tokens: s.max_tokens } : {}),
      ...(s.stop !== undefined && s.stop.length ? { stop: s.stop } : {}),
      seed: s.seed ?? requestSeed(ctx.seed, version, ctx.sampleIndex, attempt),
      ...(call.jsonSchema && ctx.llm.supportsJsonSchema ? { jsonSchema: call.jsonSchema } : {}),
    };
    const key = cacheKey({
      backend: ctx.llm.backend,
      model: ctx.llm.model,
      request,
      sampleIndex: ctx.sampleIndex,
      templateVersion: version,
      attempt,
    });
    let got: Awaited<ReturnType<typeof callOnce>>;
    try {
      got = await callOnce(ctx, request, key, version);
    } catch (e) {
      if (e instanceof DeferredError) throw e;
      if (!isLlmError(e) && !ctx.signal.aborted) throw e; // the store failed: not this item's fault
      const err = (isLlmError(e) ? e : new LlmError('aborted', 'The run was paused.')) as LlmError & { requestsMade?: number };
      const rec: AttemptRecord = {
        key,
        attempt,
        cached: false,
        error: err.toJSON(),
        requests: err.requestsMade ?? 1,
        ms: 0,
        at: Date.now(),
      };
      attempts.push(rec);
      if (err.kind !== 'aborted') await ctx.record?.(rec, undefined);
      const kind = err.kind === 'aborted' ? 'aborted' : 'llm-error';
      throw new StageError(kind, err.message, attempts, err);
    }
    const parsed = call.parse(got.result.text);
    const rec: AttemptRecord = {
      key,
      attempt,
      text: got.result.text,
      finishReason: got.result.finishReason,
      cached: got.cached,
      requests: got.requests,
      ms: got.ms,
      at: Date.now(),
      ...(got.result.usage ? { usage: got.result.usage } : {}),
      ...(parsed.ok ? {} : { parseError: parsed.error }),
    };
    attempts.push(rec);
    await ctx.record?.(rec, got.fresh, parsed.ok ? { value: parsed.value } : undefined);
    if (parsed.ok) return { value: parsed.value, attempts };
  }
  const last = attempts.at(-1)?.parseError ?? 'unreadable output';
  throw new StageError('unparseable', `${call.template.id}: output unreadable after ${attempts.length} attempt(s) (${last})`, attempts);
}
