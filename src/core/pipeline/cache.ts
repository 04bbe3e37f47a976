/**
 * The LLM call cache: one for every model call in the project (pipeline, judges, persona review and
 * enrichment, prompt classifiers, leave-one-out), one IndexedDB table in the page and one
 * `cache.jsonl` in the CLI. A call's key hashes everything that can change its answer: the client's
 * identity (backend, model and server address), the full messages, every sampling parameter, the
 * seed, the thinking switch, the JSON schema, the sample index, the template version and the
 * attempt number. The same key means the same call, so a finished run re-run is served entirely
 * from the cache, and changing any one of those makes a new call; an answer from one server is
 * never reused for another.
 */
import type { ChatMessage, FinishReason, GenerateRequest, SamplingOptions, Usage } from '../llm/types';
import { hashHex } from '../random';

/** Everything that identifies one call. */
export interface CallIdentity {
  /** `LlmClient.identity`: backend, model and server address. */
  readonly client: string;
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

/** A call cache that also stores answers: every `PipelineStore` (`checkpoint(undefined, call)` writes a call alone). */
export interface CallStore extends CallCache {
  /** Stores a new answer (`item` is undefined: no run item goes with it). */
  checkpoint(item: undefined, call: CachedCall): Promise<void>;
}

/** A call store in memory (tests, and callers that keep nothing). */
export class MemoryCallStore implements CallStore {
  /** The answers by key. */
  readonly calls = new Map<string, CachedCall>();
  async getCall(key: string): Promise<CachedCall | undefined> {
    return this.calls.get(key);
  }
  async checkpoint(_item: undefined, call: CachedCall): Promise<void> {
    this.calls.set(call.key, call);
  }
}

/** The sampling parameters in a fixed order; absent ones are null so `{}` and `{temperature: undefined}` agree. */
const SAMPLING_KEYS = ['temperature', 'top_p', 'max_tokens', 'seed', 'stop'] as const satisfies readonly (keyof SamplingOptions)[];

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
    v: 2,
    client: id.client,
    messages: r.messages.map((m: ChatMessage) => [m.role, m.content]),
    sampling: Object.fromEntries(SAMPLING_KEYS.map((k) => [k, r[k] ?? null])),
    thinking: r.thinking ?? null,
    jsonSchema: r.jsonSchema ?? null,
    sampleIndex: id.sampleIndex,
    template: id.templateVersion,
    attempt: id.attempt,
  };
  return `c-${hashHex(canonicalJson(material), 4)}`;
}
