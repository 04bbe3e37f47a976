/**
 * The LLM call cache. A call's key hashes everything that can change its answer: the backend, the
 * model id, the full messages, every sampling parameter, the seed, the sample index, the template
 * version and the attempt number. The same key means the same call, so a finished run re-run is
 * served entirely from the cache, and changing any one of those makes a new call.
 */
import type { ChatMessage, FinishReason, GenerateRequest, SamplingOptions, Usage } from '../llm/types';
import { hashHex } from '../random';

/** Everything that identifies one call. */
export interface CallIdentity {
  /** `LlmClient.backend`. */
  readonly backend: string;
  /** `LlmClient.model`. */
  readonly model: string;
  /** The request, with its messages and every sampling parameter (undefined ones count as absent). */
  readonly request: GenerateRequest;
  /** Which independent sample of the same prompt this is (0 for the first). */
  readonly sampleIndex: number;
  /** `templateVersion(template)` of the template the messages were made from. */
  readonly templateVersion: string;
  /** Parse attempt: 0, then 1, 2, … when earlier output could not be read. */
  readonly attempt: number;
}

/** A cached answer. */
export interface CachedCall {
  /** `cacheKey(identity)`. */
  readonly key: string;
  /** The raw generated text. */
  readonly text: string;
  /** Why generation ended. */
  readonly finishReason: FinishReason;
  /** Token counts when the backend gave them. */
  readonly usage?: Usage;
  /** The model that answered, as the backend named it. */
  readonly model: string;
  /** Milliseconds the call took when it was made. */
  readonly ms: number;
  /** When the call was made (ms since the epoch). */
  readonly createdAt: number;
}

/** Where cached calls live: a Map in tests, IndexedDB in the page, a JSONL file in the CLI. */
export interface CallCache {
  /** The cached answer for a key, or undefined. */
  getCall(key: string): Promise<CachedCall | undefined>;
}

/** The sampling parameters in a fixed order; absent ones are null so `{}` and `{temperature: undefined}` agree. */
export const SAMPLING_KEYS = ['temperature', 'top_p', 'max_tokens', 'seed', 'stop'] as const satisfies readonly (keyof SamplingOptions)[];

/** JSON with object keys sorted at every depth: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const rec = value as Record<string, unknown>;
  const keys = Object.keys(rec)
    .filter((k) => rec[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(rec[k])}`).join(',')}}`;
}

/** The cache key of a call: "c-" and 32 hex digits. */
export function cacheKey(id: CallIdentity): string {
  const r = id.request;
  const material = {
    v: 1,
    backend: id.backend,
    model: id.model,
    messages: r.messages.map((m: ChatMessage) => [m.role, m.content]),
    sampling: Object.fromEntries(SAMPLING_KEYS.map((k) => [k, r[k] ?? null])),
    jsonSchema: r.jsonSchema ?? null,
    sampleIndex: id.sampleIndex,
    template: id.templateVersion,
    attempt: id.attempt,
  };
  return `c-${hashHex(canonicalJson(material), 4)}`;
}
