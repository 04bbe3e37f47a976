/**
 * The loads the LLM worker has been asked for, queued and running. A load joins the last one asked
 * for when that is for the same model (and not cancelled); each caller holds a ticket, and a load is
 * cancelled when every ticket on it is. A cancelled caller gets its answer at once; the load itself
 * may still be settling in the engine (web-llm cannot abort every phase), which the next change of the
 * engine waits for.
 */
import { releaseProxy } from 'comlink';
import { buildCatalogue, type PrebuiltRecord } from '../src/core/llm/catalogue';
import { GPU_LIMITS_HINT, gpuLimitProblems } from '../src/core/llm/capability';
import { LlmError } from '../src/core/llm/errors';
import { LoadTracker, type LoadProgress } from '../src/core/llm/load-progress';
import { mapWebLlmError, NO_ADAPTER_HINT } from '../src/core/llm/webllm-errors';
import { wireErr, type LoadInfo, type WireResult } from '../src/core/llm/worker-protocol';
import type { WorkerGpu } from './llm-types';

/** A progress callback, possibly a comlink proxy to release when done. */
type ProgressCallback = ((p: LoadProgress) => void) & { [releaseProxy]?: () => void };

/** One load of one model. */
export class LoadJob {
  /** The model to load. */
  readonly modelId: string;
  /** Turns what web-llm reports into `LoadProgress`. */
  readonly tracker = new LoadTracker();
  /** Set once every caller cancelled. */
  cancelled = false;
  /** Set when web-llm's reload starts on it (an unload then aborts its download). */
  started = false;
  /** The URL requested last, and the first that failed (with its HTTP status). */
  lastUrl: string | undefined;
  failedUrl: string | undefined;
  failedStatus: number | undefined;
  readonly #callers = new Map<string, { resolve: (r: WireResult<LoadInfo>) => void; onProgress?: ProgressCallback }>();
  #last: LoadProgress | undefined;

  constructor(modelId: string) {
    this.modelId = modelId;
  }

  /** Adds a caller; resolves with the load's outcome (or "aborted" when that caller cancels). */
  join(ticket: string, onProgress?: ProgressCallback): Promise<WireResult<LoadInfo>> {
    return new Promise((resolve) => {
      this.#callers.set(ticket, { resolve, ...(onProgress ? { onProgress } : {}) });
      if (this.#last && onProgress) this.#tell(onProgress, this.#last);
    });
  }

  /** Whether `ticket` waits on this load. */
  has(ticket: string): boolean {
    return this.#callers.has(ticket);
  }

  /** Sends progress to every caller. */
  emit(p: LoadProgress): void {
    this.#last = p;
    for (const c of this.#callers.values()) if (c.onProgress) this.#tell(c.onProgress, p);
  }

  /** Answers one caller with "aborted"; true when it was the last one (the load is then cancelled). */
  cancel(ticket: string): boolean {
    const c = this.#callers.get(ticket);
    if (!c) return false;
    this.#callers.delete(ticket);
    c.resolve(wireErr(this.aborted()));
    release(c.onProgress);
    if (this.#callers.size === 0) this.cancelled = true;
    return this.cancelled;
  }

  /** Cancels the load for every caller. */
  cancelAll(): void {
    for (const ticket of [...this.#callers.keys()]) this.cancel(ticket);
    this.cancelled = true;
  }

  /** Answers every caller still waiting. */
  settle(result: WireResult<LoadInfo>): void {
    for (const c of this.#callers.values()) {
      c.resolve(result);
      release(c.onProgress);
    }
    this.#callers.clear();
  }

  /** The error of a cancelled load, naming the phase it had reached. */
  aborted(): LlmError {
    return mapWebLlmError('AbortError: cancelled', { modelId: this.modelId, phase: this.tracker.phase });
  }

  /** A failure of this load, named with the phase and the URL it was at. */
  failure(e: unknown): LlmError {
    const url = this.failedUrl ?? this.lastUrl;
    return mapWebLlmError(e, {
      modelId: this.modelId,
      phase: this.tracker.phase,
      ...(url ? { url } : {}),
      ...(this.failedStatus !== undefined ? { status: this.failedStatus } : {}),
    });
  }

  #tell(cb: ProgressCallback, p: LoadProgress): void {
    try {
      void Promise.resolve(cb(p) as unknown).catch(() => {}); // a proxied callback answers with a promise
    } catch {
      // a caller that went away must not break the load
    }
  }
}

/** Releases a comlink proxy callback (a plain function needs nothing). */
export function release(cb: { [releaseProxy]?: () => void } | undefined): void {
  cb?.[releaseProxy]?.();
}

/**
 * Why this adapter cannot run the job's model, checked before anything is downloaded (the worker's own
 * check, as web-llm's `detectGPUDevice` and record checks would fail later); undefined when it can.
 */
export function gpuRefusal(job: LoadJob, record: PrebuiltRecord | undefined, gpu: WorkerGpu): LlmError | undefined {
  if (!record) return job.failure(`Cannot find model record in appConfig for ${job.modelId}.`);
  if (!gpu.hasWebGpu) return job.failure('WebGPUNotAvailableError: WebGPU is not supported in your current environment');
  if (!gpu.hasAdapter)
    return new LlmError('no-adapter', 'WebGPU is present, but the browser offers no GPU adapter.', { hint: NO_ADAPTER_HINT });
  const limits = gpu.limits ? gpuLimitProblems(gpu.limits) : [];
  if (limits.length) {
    return new LlmError('no-adapter', `This GPU's WebGPU limits are below what web-llm needs. ${limits.join(' ')}`, {
      hint: GPU_LIMITS_HINT,
    });
  }
  if (buildCatalogue([record])[0]?.needsF16 && !gpu.shaderF16)
    return job.failure('ShaderF16SupportError: This model requires WebGPU extension shader-f16');
  return undefined;
}
