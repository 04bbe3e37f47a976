/**
 * The browser side of the LLM worker: the GPU check from inside the worker, the cached files and
 * their sizes, and a watch on the URLs web-llm requests (its progress reports say nothing before the
 * parameters, so the configuration, library and tokenizer phases come from here).
 */
import type { CacheEntry } from '../src/core/llm/model-cache';
import type { WorkerGpu } from './llm-types';

/** The Cache API scopes web-llm stores models in. */
const WEBLLM_CACHE_SCOPES = ['webllm/config', 'webllm/wasm', 'webllm/model'] as const;

/** Checks WebGPU from inside the worker, asking for the adapter as web-llm's `detectGPUDevice` does. */
export async function probeGpu(): Promise<WorkerGpu> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return { hasWebGpu: false, hasAdapter: false, shaderF16: false };
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (!adapter) return { hasWebGpu: true, hasAdapter: false, shaderF16: false };
  const l = adapter.limits;
  return {
    hasWebGpu: true,
    hasAdapter: true,
    shaderF16: adapter.features.has('shader-f16'),
    limits: {
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxStorageBuffersPerShaderStage: l.maxStorageBuffersPerShaderStage,
    },
  };
}

/** The shard files a weights manifest (`tensor-cache.json`) lists, or undefined when it cannot be read. */
async function manifestShards(response: Response): Promise<string[] | undefined> {
  try {
    const json = (await response.clone().json()) as { records?: { dataPath?: unknown }[] };
    return (json.records ?? []).flatMap((r) => (typeof r.dataPath === 'string' ? [r.dataPath] : []));
  } catch {
    return undefined;
  }
}

/** Every file in web-llm's caches with its size (from Content-Length, else the body's size), and the shards each manifest lists. */
export async function cacheEntries(): Promise<CacheEntry[]> {
  if (typeof caches === 'undefined') return [];
  const out: CacheEntry[] = [];
  for (const scope of WEBLLM_CACHE_SCOPES) {
    if (!(await caches.has(scope))) continue;
    const cache = await caches.open(scope);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      if (!response) continue;
      const length = Number(response.headers.get('content-length'));
      const bytes = Number.isFinite(length) && length > 0 ? length : (await response.clone().blob()).size;
      const shards = /(tensor|ndarray)-cache\.json$/.test(request.url) ? await manifestShards(response) : undefined;
      out.push({ url: request.url, bytes, ...(shards ? { shards } : {}) });
    }
  }
  return out;
}

const urlOf = (input: RequestInfo | URL): string => (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);

/**
 * Calls `listener` with every URL requested through `fetch` or `Cache.add` in this worker, and again
 * with `failed` true when that request fails (with the HTTP status when the host answered with one).
 * `Cache.add` is done here as the Cache API specifies it (fetch, refuse a status outside 200–299,
 * put), because the browser's own rejects a refusal with a bare "Request failed" that names neither
 * the status nor the file: a 403 from a gated repository would read as an unreachable host.
 */
export function watchFetches(listener: (url: string, failed: boolean, status?: number) => void): void {
  const tell = (url: string, failed: boolean, status?: number) => {
    try {
      listener(url, failed, status);
    } catch {
      // a listener's failure must never break a download
    }
  };
  const originalFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = urlOf(input);
    tell(url, false);
    return originalFetch(input, init).then(
      (response) => {
        if (!response.ok) tell(url, true, response.status);
        return response;
      },
      (e: unknown) => {
        tell(url, true);
        throw e;
      },
    );
  };
  if (typeof Cache === 'undefined') return;
  Cache.prototype.add = async function add(this: Cache, input: RequestInfo | URL): Promise<void> {
    const request = input instanceof Request ? input : new Request(urlOf(input));
    const url = request.url;
    tell(url, false);
    let response: Response;
    try {
      response = await originalFetch(request);
    } catch (e) {
      tell(url, true);
      throw e;
    }
    if (!response.ok) {
      tell(url, true, response.status);
      throw new TypeError(`Failed to execute 'add' on 'Cache': Request for ${url} failed with status ${response.status}`);
    }
    await this.put(request, response);
  };
}
