/**
 * The browser side of the LLM worker: the GPU check from inside the worker, the cached files and
 * their sizes, and a watch on the URLs web-llm requests (its progress reports say nothing before the
 * parameters, so the configuration, library and tokenizer phases come from here).
 */
import type { CacheEntry } from '../src/core/llm/model-cache';
import type { WorkerGpu } from './llm-api';

/** The Cache API scopes web-llm stores models in. */
export const WEBLLM_CACHE_SCOPES = ['webllm/config', 'webllm/wasm', 'webllm/model'] as const;

/** Checks WebGPU from inside the worker. */
export async function probeGpu(): Promise<WorkerGpu> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return { hasWebGpu: false, hasAdapter: false, shaderF16: false };
  const adapter = await gpu.requestAdapter().catch(() => null);
  return { hasWebGpu: true, hasAdapter: adapter !== null, shaderF16: adapter?.features.has('shader-f16') ?? false };
}

/** Every file in web-llm's caches with its size (from Content-Length, else the body's size). */
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
      const bytes = Number.isFinite(length) && length > 0 ? length : (await response.blob()).size;
      out.push({ url: request.url, bytes });
    }
  }
  return out;
}

const urlOf = (input: RequestInfo | URL): string => (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);

/**
 * Calls `listener` with every URL requested through `fetch` or `Cache.add` in this worker, and again
 * with `failed` true when that request fails. The requests themselves are left untouched.
 */
export function watchFetches(listener: (url: string, failed: boolean) => void): void {
  const tell = (url: string, failed: boolean) => {
    try {
      listener(url, failed);
    } catch {
      // a listener's failure must never break a download
    }
  };
  const originalFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = urlOf(input);
    tell(url, false);
    return originalFetch(input, init).catch((e: unknown) => {
      tell(url, true);
      throw e;
    });
  };
  if (typeof Cache === 'undefined') return;
  const originalAdd = Cache.prototype.add;
  Cache.prototype.add = function add(this: Cache, request: RequestInfo | URL) {
    const url = urlOf(request);
    tell(url, false);
    return originalAdd.call(this, request).catch((e: unknown) => {
      tell(url, true);
      throw e;
    });
  };
}
