/**
 * Every failure a backend can raise, as a kind the UI and CLI can act on, a message naming what went
 * wrong and where, and a hint saying what to do next.
 */

/** What kind of failure. */
export type LlmErrorKind =
  | 'no-webgpu' // navigator.gpu absent or not a secure context
  | 'no-adapter' // requestAdapter() returned null
  | 'shader-f16' // the model needs shader-f16 and the adapter lacks it
  | 'device-lost' // the GPU device was lost during load or generation
  | 'out-of-memory' // the model does not fit in GPU memory
  | 'quota' // browser storage is full
  | 'network' // a host could not be reached (the message names it)
  | 'cors' // the server answered, but without CORS headers letting this page read it; stops a run at once
  | 'http' // a server answered with an error status
  | 'bad-output' // the backend answered with something that cannot be read
  | 'model-not-loaded' // generate was called before a model was loaded
  | 'aborted' // the caller cancelled
  | 'timeout' // no reply (or no new chunk) within the request timeout; worth another try
  | 'auth' // the server refused the credentials (401, 403); stops a run at once
  | 'not-found' // the server has no such endpoint or model (404, "model not found"); stops a run at once
  | 'context-overflow' // prompt + max_tokens exceed the model's context window; deterministic, never retried as is
  | 'invalid-request' // the backend refused the request as malformed (seed, message order, value range); deterministic
  | 'grammar' // the JSON schema or grammar could not be compiled or followed; deterministic
  | 'too-large' // the reply exceeded the size cap
  | 'unknown';

/** A backend failure. `partialText` holds any text produced before it happened. */
export class LlmError extends Error {
  override readonly name = 'LlmError';
  /** What kind of failure. */
  readonly kind: LlmErrorKind;
  /** What to do next, in one sentence for a person. */
  readonly hint: string;
  /** HTTP status when kind is "http". */
  readonly status?: number;
  /** Text generated before the failure, if any. */
  readonly partialText?: string;
  /** How long the server asked the client to wait before trying again (HTTP Retry-After), in ms. */
  readonly retryAfterMs?: number;

  constructor(
    kind: LlmErrorKind,
    message: string,
    init: { hint?: string; status?: number; partialText?: string; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
    this.hint = init.hint ?? '';
    if (init.status !== undefined) this.status = init.status;
    if (init.partialText !== undefined) this.partialText = init.partialText;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }

  /** A plain object that survives structured cloning (workers, IndexedDB). */
  toJSON(): SerializedLlmError {
    return {
      kind: this.kind,
      message: this.message,
      hint: this.hint,
      status: this.status,
      partialText: this.partialText,
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
    };
  }

  /** Rebuilds an error from `toJSON()` output. */
  static fromJSON(e: SerializedLlmError): LlmError {
    const init: { hint: string; status?: number; partialText?: string; retryAfterMs?: number } = { hint: e.hint };
    if (e.status !== undefined) init.status = e.status;
    if (e.partialText !== undefined) init.partialText = e.partialText;
    if (e.retryAfterMs !== undefined) init.retryAfterMs = e.retryAfterMs;
    return new LlmError(e.kind, e.message, init);
  }
}

/** The cloneable form of an `LlmError`. */
export interface SerializedLlmError {
  /** What kind of failure. */
  readonly kind: LlmErrorKind;
  /** What went wrong and where. */
  readonly message: string;
  /** What to do next. */
  readonly hint: string;
  /** HTTP status, when there was one. */
  readonly status?: number | undefined;
  /** Text produced before the failure. */
  readonly partialText?: string | undefined;
  /** Server-requested wait before a retry, in ms. */
  readonly retryAfterMs?: number | undefined;
}

/** True for an `LlmError` of the given kind (or any kind when none is given). */
export function isLlmError(e: unknown, kind?: LlmErrorKind): e is LlmError {
  return e instanceof LlmError && (kind === undefined || e.kind === kind);
}
