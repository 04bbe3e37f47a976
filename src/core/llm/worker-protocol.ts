/**
 * What crosses the LLM worker boundary besides the requests and results of `types.ts`: every call
 * answers with a `WireResult`, so a failure arrives as a serialized `LlmError` (kind, message, hint)
 * instead of the bare string a thrown error becomes once it has crossed a worker.
 */
import { LlmError, type SerializedLlmError } from './errors';

/** A call's outcome: the value, or the error in cloneable form. */
export type WireResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SerializedLlmError };

/** Wraps a value. */
export function wireOk<T>(value: T): WireResult<T> {
  return { ok: true, value };
}

/** Wraps an error. */
export function wireErr<T>(error: LlmError): WireResult<T> {
  return { ok: false, error: error.toJSON() };
}

/** The value, or the error rebuilt and thrown as an `LlmError`. */
export function unwire<T>(r: WireResult<T>): T {
  if (r.ok) return r.value;
  throw LlmError.fromJSON(r.error);
}

/** What a finished load reports. */
export interface LoadInfo {
  /** The model now loaded. */
  readonly modelId: string;
  /** Seconds the load took. */
  readonly seconds: number;
}

/** The worker's state. */
export interface EngineStatus {
  /** The loaded model; undefined when none is. */
  readonly loadedModel?: string;
  /** The model being loaded; undefined when no load runs. */
  readonly loadingModel?: string;
}
