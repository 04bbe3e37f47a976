/**
 * Call scheduling across runs: each (backend, model) is a lane with its own limit, so requests to
 * one loaded WebLLM model go one at a time while runs on other models or backends go in parallel.
 * The page keeps one `Lanes` for every run; the CLI makes its own.
 */
import type { GenerateOptions, GenerateRequest, GenerateResult, LlmClient } from '../llm/types';

/** A counting semaphore with a FIFO queue. */
class Lane {
  #active = 0;
  readonly #queue: Array<() => void> = [];
  constructor(public limit: number) {}

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.#active >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const go = () => {
          signal?.removeEventListener('abort', stop);
          resolve();
        };
        const stop = () => {
          const i = this.#queue.indexOf(go);
          if (i >= 0) this.#queue.splice(i, 1);
          reject(signal?.reason ?? new Error('aborted'));
        };
        if (signal?.aborted) return stop();
        signal?.addEventListener('abort', stop, { once: true });
        this.#queue.push(go);
      });
    }
    this.#active++;
    try {
      return await task();
    } finally {
      this.#active--;
      if (this.#active < this.limit) this.#queue.shift()?.();
    }
  }

  get waiting(): number {
    return this.#queue.length;
  }
}

/** The lane key of a client. */
function laneKey(client: Pick<LlmClient, 'backend' | 'model'>, baseUrl?: string): string {
  return `${client.backend}|${baseUrl ?? ''}|${client.model}`;
}

/** Lanes by key. WebLLM lanes are always limited to one request at a time. */
export class Lanes {
  readonly #lanes = new Map<string, Lane>();

  /** Wraps a client so its calls queue on its lane; `limit` is raised to at least the given one (WebLLM stays 1). */
  wrap(client: LlmClient, limit: number, baseUrl?: string): LlmClient {
    const key = laneKey(client, baseUrl);
    const max = client.backend === 'webllm' ? 1 : Math.max(1, limit);
    let lane = this.#lanes.get(key);
    if (!lane) this.#lanes.set(key, (lane = new Lane(max)));
    else lane.limit = client.backend === 'webllm' ? 1 : Math.max(lane.limit, max);
    const l = lane;
    return {
      backend: client.backend,
      model: client.model,
      identity: client.identity,
      supportsJsonSchema: client.supportsJsonSchema,
      generate: (request: GenerateRequest, options?: GenerateOptions): Promise<GenerateResult> =>
        l.run(() => client.generate(request, options), options?.signal),
    };
  }

  /** Calls queued (not yet started) on a lane. */
  waiting(key: string): number {
    return this.#lanes.get(key)?.waiting ?? 0;
  }
}
