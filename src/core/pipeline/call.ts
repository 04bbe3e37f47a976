/**
 * The one way the project calls a model (pipeline stages, judges, persona review and enrichment,
 * prompt classifiers, leave-one-out, the benches): render the template, look the call up in the
 * cache, call the client (retrying transient transport failures), clean the output (`cleanOutput`:
 * thinking removed) and read it with the caller's parser.
 *
 * - Unreadable output: the next attempt (new attempt number, new request seed, new cache key; a
 *   greedy role samples at `RETRY_TEMPERATURE` so the retry does not repeat the failure), up to
 *   `ctx.maxAttempts`, then a `StageError` "unparseable".
 * - Output cut off at the token limit (finish reason "length") is never read as if complete: the
 *   same attempt is asked again once with twice the token budget (at most `ctx.maxTokensCap`); cut
 *   off again, the stage fails as "truncated".
 * - A request the backend refuses as it is (context overflow, invalid request, grammar) fails at
 *   once as "rejected", with the error's hint: asking again would meet the same refusal.
 *
 * Every attempt, with its raw output, goes to `ctx.record`.
 */
import { LlmError, isLlmError, type LlmErrorKind } from '../llm/errors';
import { DEFAULT_TRANSPORT_RETRIES, isTransient as isTransientFailure, retryWaitMs } from '../llm/retry';
import type { GenerateRequest, GenerateResult } from '../llm/types';
import { hashHex } from '../random';
import { cacheKey, type CachedCall } from './cache';
import type { AttemptRecord, StageContext } from './context';
import { cleanOutput } from './output-text';
import type { Parsed } from './parsers';
import { renderTemplate, templateVersion, type PromptTemplate } from './templates';

/** A stage's value and every attempt it took. */
export interface StageResult<T> {
  /** The parsed output. */
  readonly value: T;
  /** The attempts, in order (the last one succeeded). */
  readonly attempts: readonly AttemptRecord[];
}

/**
 * Why a stage gave up: its output stayed unreadable; it stayed cut off at the token limit; the
 * backend refused the request as it is (deterministic, so never asked again as is); another
 * backend failure; or the caller stopped it.
 */
export type StageFailureKind = 'unparseable' | 'truncated' | 'rejected' | 'llm-error' | 'aborted';

/** Backend errors the same request would meet again: they fail a stage at once, with their hint. */
const DETERMINISTIC_ERRORS: ReadonlySet<LlmErrorKind> = new Set(['context-overflow', 'invalid-request', 'grammar']);

/** The temperature of a retry after unreadable output when the role's is lower (a greedy retry repeats a greedy failure). */
export const RETRY_TEMPERATURE = 0.3;

/** The largest token budget a cut-off answer is asked again with, unless the context sets another. */
const MAX_TOKENS_CAP = 4096;

/** The budget for asking a cut-off answer again: twice the first (the cap when none was set), at most `cap`; undefined when no larger one is allowed. */
export function largerBudget(maxTokens: number | undefined, cap: number): number | undefined {
  const next = maxTokens === undefined ? cap : Math.min(cap, maxTokens * 2);
  return next > (maxTokens ?? 0) ? next : undefined;
}

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
const isTransient = isTransientFailure;

/** A 31-bit seed derived from a text (for seeding calls by what they are about, e.g. a persona id). */
export function seedFrom(text: string): number {
  return parseInt(hashHex(text, 1), 16) & 0x7fffffff;
}

/** The request seed for an attempt: a 31-bit integer from the run seed, template, sample index and attempt. */
function requestSeed(runSeed: number, version: string, sampleIndex: number, attempt: number): number {
  return seedFrom(`${runSeed}/${version}/${sampleIndex}/${attempt}`);
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
  const cap = ctx.maxTokensCap ?? MAX_TOKENS_CAP;
  for (let attempt = first; attempt < first + Math.max(1, ctx.maxAttempts); attempt++) {
    let request = requestFor(ctx, call, messages, version, attempt);
    for (let larger = false; ; larger = true) {
      const key = cacheKey({ client: ctx.llm.identity, request, sampleIndex: ctx.sampleIndex, templateVersion: version, attempt });
      let got: Awaited<ReturnType<typeof callOnce>>;
      try {
        got = await callOnce(ctx, request, key, version);
      } catch (e) {
        throw await failed(ctx, e, key, attempt, attempts, call.template.id, larger ? request.max_tokens : undefined);
      }
      const cut = got.result.finishReason === 'length';
      const parsed = cut ? undefined : call.parse(cleanOutput(got.result.text));
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
        ...(parsed && !parsed.ok ? { parseError: parsed.error } : {}),
      };
      attempts.push(rec);
      await ctx.record?.(rec, got.fresh, parsed?.ok ? { value: parsed.value } : undefined);
      if (parsed?.ok) return { value: parsed.value, attempts };
      if (!cut) break;
      const budget = largerBudget(request.max_tokens, cap);
      if (larger || budget === undefined)
        throw new StageError(
          'truncated',
          `${call.template.id}: the answer was cut off at the token limit (max_tokens ${request.max_tokens ?? 'unset'})${
            larger ? ' even after asking again with a larger budget' : `, and ${cap} is the most allowed`
          }. Raise the role's max_tokens or ask for shorter answers.`,
          attempts,
        );
      request = { ...request, max_tokens: budget };
    }
  }
  const last = attempts.at(-1)?.parseError ?? 'unreadable output';
  throw new StageError('unparseable', `${call.template.id}: output unreadable after ${attempts.length} attempt(s) (${last})`, attempts);
}

/** The request of one attempt: the role's sampling, a seed of its own, a small temperature on a greedy retry, thinking off. */
function requestFor<T>(
  ctx: StageContext,
  call: ParsedCall<T>,
  messages: GenerateRequest['messages'],
  version: string,
  attempt: number,
): GenerateRequest {
  const s = ctx.sampling;
  const temperature = attempt > 0 && s.temperature !== undefined ? Math.max(s.temperature, RETRY_TEMPERATURE) : s.temperature;
  const seed = s.seed !== undefined && attempt === 0 ? s.seed : requestSeed(s.seed ?? ctx.seed, version, ctx.sampleIndex, attempt);
  return {
    messages,
    ...(temperature !== undefined ? { temperature } : {}),
    ...(s.top_p !== undefined ? { top_p: s.top_p } : {}),
    ...(s.max_tokens !== undefined ? { max_tokens: s.max_tokens } : {}),
    ...(s.stop !== undefined && s.stop.length ? { stop: s.stop } : {}),
    seed,
    ...(call.jsonSchema && ctx.llm.supportsJsonSchema ? { jsonSchema: call.jsonSchema } : {}),
    thinking: false,
  };
}

/** The `StageError` for a failed call (recorded first unless it was an abort); a `DeferredError` or a store failure passes through. */
async function failed(
  ctx: StageContext,
  e: unknown,
  key: string,
  attempt: number,
  attempts: AttemptRecord[],
  templateId: string,
  raisedTo: number | undefined,
): Promise<unknown> {
  if (e instanceof DeferredError) return e;
  if (!isLlmError(e) && !ctx.signal.aborted) return e; // the store failed: not this item's fault
  const err = (isLlmError(e) ? e : new LlmError('aborted', 'The run was paused.')) as LlmError & { requestsMade?: number };
  const rec: AttemptRecord = { key, attempt, cached: false, error: err.toJSON(), requests: err.requestsMade ?? 1, ms: 0, at: Date.now() };
  attempts.push(rec);
  if (err.kind !== 'aborted') await ctx.record?.(rec, undefined);
  if (err.kind === 'aborted') return new StageError('aborted', err.message, attempts, err);
  if (raisedTo !== undefined && err.kind === 'context-overflow')
    return new StageError(
      'truncated',
      `${templateId}: the answer was cut off at the token limit, and a larger budget (max_tokens ${raisedTo}) does not fit the model's context window (${err.message}).`,
      attempts,
      err,
    );
  if (DETERMINISTIC_ERRORS.has(err.kind))
    return new StageError('rejected', `${templateId}: ${err.message}${err.hint ? ` ${err.hint}` : ''}`, attempts, err);
  return new StageError('llm-error', err.message, attempts, err);
}
