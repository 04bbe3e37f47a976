/**
 * Everything the LLM worker does, as a plain object over an engine and a few platform functions
 * given from outside: `llm.worker.ts` passes web-llm's `MLCEngine` and the browser's caches; unit
 * tests pass a scripted engine. Every answer is a `WireResult`, so failures cross as `LlmError`s.
 *
 * The engine's life cycle (see `EngineLock`): replies run one at a time; load, unload and delete wait
 * for the reply under way to be interrupted and settle before the engine disposes anything, and run
 * one at a time, so the engine never holds two models. A load web-llm finished after it was cancelled
 * is unloaded; a load that "finished" with nothing loaded (web-llm swallows the abort its own unload
 * causes when the GPU device is lost) is reported as a lost device, as is a reply that fails because
 * the device was lost under it.
 */
import { releaseProxy } from 'comlink';
import { buildCatalogue, plainRecord, thinksByDefault, type PrebuiltRecord } from '../src/core/llm/catalogue';
import { LlmError } from '../src/core/llm/errors';
import { cachedModels, type CachedModel } from '../src/core/llm/model-cache';
import type { LoadProgress } from '../src/core/llm/load-progress';
import type { GenerateRequest, GenerateResult } from '../src/core/llm/types';
import { mapWebLlmError } from '../src/core/llm/webllm-errors';
import { wireErr, wireOk, type EngineStatus, type LoadInfo, type WireResult } from '../src/core/llm/worker-protocol';
import { DROPPED, EngineLock } from './engine-lock';
import { CompletionFailure, runCompletion } from './llm-generate';
import { gpuRefusal, LoadJob, release } from './llm-loads';
import type { EngineLike, LlmRuntime } from './llm-types';

export type { EngineLike, LlmRuntime, WorkerGpu } from './llm-types';

/** A callback from the page: a comlink proxy to release when done. */
type Callback<T> = ((value: T) => void) & { [releaseProxy]?: () => void };

const stoppedBeforeStart = () => mapWebLlmError('AbortError: stopped before it started');
const lostMidReply = (model: string) =>
  new LlmError('device-lost', `The GPU device was lost while ${model} was answering, so it is no longer loaded.`, {
    hint: 'Reload the model (it comes from the browser cache). If this keeps happening, the GPU is running out of memory: pick a smaller model and close other GPU-heavy tabs.',
  });
/** Kinds that say the request was at fault, not the engine: the model stays loaded. */
const REQUEST_FAULTS = new Set(['aborted', 'context-overflow', 'invalid-request', 'grammar']);

/** Builds the worker's API over a runtime. */
export function createLlmApi(runtime: LlmRuntime) {
  let engine: EngineLike | undefined;
  let loaded: string | undefined;
  let running: LoadJob | undefined;
  let reply: { id: string; stop: boolean; started: boolean } | undefined;
  const loads: LoadJob[] = [];
  const lock = new EngineLock(() => {
    if (reply) reply.stop = true;
    void engine?.interruptGenerate();
  });

  runtime.onFetch?.((url, failed, status) => {
    const job = running;
    if (!job) return;
    job.lastUrl = url;
    if (failed) {
      job.failedUrl ??= url;
      if (status !== undefined) job.failedStatus ??= status;
    } else {
      const p = job.tracker.url(url);
      if (p) job.emit(p);
    }
  });

  const recordOf = (id: string) => runtime.records().find((r) => r.model_id === id);
  /** Whether web-llm really holds `model` (its getMessage fails otherwise). */
  const holds = (model: string) =>
    engine
      ? engine.getMessage(model).then(
          () => true,
          () => false,
        )
      : Promise.resolve(false);
  /** Unloads whatever the engine holds; failures are beside the point (nothing is left either way). */
  const clear = async () => {
    loaded = undefined;
    await engine?.unload().catch(() => {});
  };
  /**
   * Aborts the download of a cancelled load under way: web-llm aborts its fetches on unload (other
   * phases go on). Only once its reload has started: before, an unload would take the previous model.
   */
  const stop = (job: LoadJob) => {
    if (job.started && running === job) void engine?.unload().catch(() => {});
  };

  /** Runs one load in the engine (under the lock): web-llm's reload, then what it really left behind. */
  const runLoad = async (job: LoadJob): Promise<WireResult<LoadInfo>> => {
    running = job;
    try {
      if (job.cancelled) return wireErr(job.aborted());
      job.emit(job.tracker.enter('checking-gpu'));
      const refused = gpuRefusal(job, recordOf(job.modelId), await runtime.probeGpu());
      if (refused) return wireErr(refused);
      if (job.cancelled) return wireErr(job.aborted());
      engine ??= await runtime.createEngine();
      engine.setInitProgressCallback((r) => {
        if (running === job && !job.cancelled) job.emit(job.tracker.report(r));
      });
      loaded = undefined;
      job.started = true;
      try {
        await engine.reload(job.modelId);
      } catch (e) {
        await clear(); // web-llm may keep a model it loaded before failing (a device lost in the shaders)
        return wireErr(job.cancelled ? job.aborted() : job.failure(e));
      }
      if (job.cancelled) {
        await clear(); // web-llm cannot abort the cached weights or the shaders: the model may be loaded all the same
        return wireErr(job.aborted());
      }
      if (!(await holds(job.modelId))) {
        await clear();
        return wireErr(job.failure('DeviceLostError: the GPU device was lost, and web-llm unloaded the model it was loading'));
      }
      loaded = job.modelId;
      const ready = job.tracker.enter('ready');
      job.emit(ready);
      return { ok: true, value: { modelId: job.modelId, seconds: ready.elapsedS } };
    } catch (e) {
      return wireErr(job.failure(e));
    } finally {
      running = undefined;
    }
  };

  /** Cancels every load asked for so far (for unload, or a delete of the model being loaded). */
  const cancelLoads = (which: (job: LoadJob) => boolean = () => true) => {
    for (const job of loads.filter(which)) {
      job.cancelAll();
      stop(job);
    }
  };

  return {
    /** web-llm's prebuilt model records (plain data). */
    async records(): Promise<PrebuiltRecord[]> {
      return runtime.records().map(plainRecord);
    },

    /**
     * Downloads (or reads from the cache) and loads a model, reporting progress; `ticket` names this
     * call for `cancelLoad`. A load of the model the last load asked for joins it; any other waits for
     * the loads before it to settle.
     */
    async load(ticket: string, modelId: string, onProgress?: Callback<LoadProgress>): Promise<WireResult<LoadInfo>> {
      const last = loads.at(-1);
      if (last && last.modelId === modelId && !last.cancelled) return last.join(ticket, onProgress);
      const job = new LoadJob(modelId);
      loads.push(job);
      const answer = job.join(ticket, onProgress);
      void lock
        .change(() => runLoad(job))
        .then((result) => {
          loads.splice(loads.indexOf(job), 1);
          job.settle(result);
        });
      return answer;
    },

    /** Cancels load call `ticket`: it answers "aborted" at once; the load stops when no other call waits on it. */
    async cancelLoad(ticket: string): Promise<void> {
      const job = loads.find((j) => j.has(ticket));
      if (job?.cancel(ticket)) stop(job);
    },

    /**
     * Generates a reply; `id` names the call for `interrupt`; `model`, when given, must be the loaded
     * model (so a client never silently talks to another one). Calls run one at a time, in order.
     */
    async generate(
      id: string,
      model: string | undefined,
      request: GenerateRequest,
      onDelta?: Callback<string>,
    ): Promise<WireResult<GenerateResult>> {
      const result = await lock.reply(id, async (): Promise<WireResult<GenerateResult>> => {
        if (!engine || !loaded) return wireErr(mapWebLlmError('ModelNotLoadedError: Model not loaded'));
        const current = loaded;
        if (model !== undefined && model !== current) {
          return wireErr(
            new LlmError('model-not-loaded', `${model} is not loaded (the loaded model is ${current}).`, {
              hint: `Load ${model} on the Models page, or choose ${current}.`,
            }),
          );
        }
        const mine = { id, stop: false, started: false };
        reply = mine;
        const thinking = (request as { thinking?: boolean }).thinking;
        try {
          const result = await runCompletion(engine, current, request, {
            thinkingOff: thinksByDefault(current) && thinking !== true,
            control: mine,
            ...(onDelta ? { onDelta: (d: string) => void Promise.resolve(onDelta(d) as unknown).catch(() => {}) } : {}),
          });
          return wireOk(result);
        } catch (e) {
          const cause = e instanceof CompletionFailure ? e.cause : e;
          const partial = e instanceof CompletionFailure && e.partialText ? { partialText: e.partialText } : {};
          let error = mapWebLlmError(cause, { modelId: current });
          if (!REQUEST_FAULTS.has(error.kind) && error.kind !== 'model-not-loaded' && !(await holds(current)))
            error = lostMidReply(current);
          if (error.kind === 'device-lost' || error.kind === 'model-not-loaded') loaded = undefined;
          return wireErr(new LlmError(error.kind, error.message, { hint: error.hint, ...partial }));
        } finally {
          if (reply === mine) reply = undefined;
        }
      });
      release(onDelta);
      return result === DROPPED ? wireErr(stoppedBeforeStart()) : result;
    },

    /** Stops call `id`: interrupts it when running, drops it when queued. */
    async interrupt(id: string): Promise<void> {
      if (reply?.id === id) {
        reply.stop = true;
        await engine?.interruptGenerate();
      } else lock.drop(id);
    },

    /** Unloads the model and frees the GPU (cancelling any load asked for, after the reply under way has stopped). */
    async unload(): Promise<WireResult<void>> {
      cancelLoads();
      try {
        await lock.change(async () => {
          loaded = undefined;
          await engine?.unload();
        });
        return wireOk(undefined);
      } catch (e) {
        return wireErr(mapWebLlmError(e));
      }
    },

    /** The loaded and the loading model. */
    async status(): Promise<EngineStatus> {
      const loading = loads.find((j) => !j.cancelled)?.modelId;
      return { ...(loaded ? { loadedModel: loaded } : {}), ...(loading ? { loadingModel: loading } : {}) };
    },

    /** The models in the browser cache, with their sizes (complete ones, and downloads that stopped part way). */
    async cachedModels(): Promise<WireResult<CachedModel[]>> {
      try {
        const records = runtime.records();
        const libs = new Map(records.map((r) => [r.model_id, r.model_lib]));
        return wireOk(cachedModels(buildCatalogue(records), libs, await runtime.cacheEntries()));
      } catch (e) {
        return wireErr(mapWebLlmError(e));
      }
    },

    /** Deletes a model's files from the cache (cancelling its load, and unloading it first when it is loaded). */
    async deleteModel(modelId: string): Promise<WireResult<void>> {
      cancelLoads((job) => job.modelId === modelId);
      try {
        await lock.change(async () => {
          if (loaded === modelId) await clear();
          await runtime.deleteModel(modelId);
        });
        return wireOk(undefined);
      } catch (e) {
        return wireErr(mapWebLlmError(e, { modelId }));
      }
    },
  };
}
