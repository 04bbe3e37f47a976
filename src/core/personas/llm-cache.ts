/**
 * A cache of model outputs for the persona LLM stages (review, enrichment), keyed by persona id,
 * field, the hash of the exact request and the model, so a stopped run resumes where it left off
 * and a finished one replays without calling the model. Stores are pluggable: memory here, a JSON
 * file in the CLI, IndexedDB in the app.
 */
import type { GenerateRequest, LlmClient } from '../llm/types';
import { hashHex } from '../random';

/** A place to keep raw model outputs. */
export interface LlmOutputCache {
  /** The output stored under `key`, if any. */
  get(key: string): Promise<string | undefined>;
  /** Stores an output. */
  set(key: string, text: string): Promise<void>;
}

/** An in-memory cache (also the default when none is given). */
export class MemoryLlmCache implements LlmOutputCache {
  readonly entries = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, text: string): Promise<void> {
    this.entries.set(key, text);
  }
}

/** The hash of a request's content (messages, sampling, schema), stable across runtimes. */
export function requestHash(request: GenerateRequest): string {
  return hashHex(JSON.stringify(request), 4);
}

/** The cache key of one stage call: persona id + field + request hash + backend and model. */
export function llmCacheKey(
  personaId: string,
  field: string,
  request: GenerateRequest,
  client: Pick<LlmClient, 'backend' | 'model'>,
): string {
  return `${personaId}|${field}|${requestHash(request)}|${client.backend}|${client.model}`;
}

/** A 31-bit sampler seed derived from text (for backends that honour `seed`). */
export function derivedSeed(text: string): number {
  return parseInt(hashHex(text, 1), 16) & 0x7fffffff;
}

/** Runs a request through the cache: the stored output when there is one, else the model's (then stored). */
export async function cachedGenerate(
  client: LlmClient,
  cache: LlmOutputCache,
  key: string,
  request: GenerateRequest,
  signal?: AbortSignal,
): Promise<{ text: string; cached: boolean }> {
  const hit = await cache.get(key);
  if (hit !== undefined) return { text: hit, cached: true };
  const result = await client.generate(request, signal ? { signal } : {});
  await cache.set(key, result.text);
  return { text: result.text, cached: false };
}
