/**
 * Sizes of the models in the browser cache, from the cached entries (URL and bytes) the worker lists.
 * Models that share weights (a "-1k" variant and its full-context twin) share their entries; each
 * shows the shared size and names its twins.
 */
import type { CatalogueModel } from './catalogue';

/** One cached file. */
export interface CacheEntry {
  /** The URL it was fetched from (the cache key). */
  readonly url: string;
  /** Its size in bytes (0 when unknown). */
  readonly bytes: number;
}

/** A model with files in the cache. */
export interface CachedModel {
  /** The model id. */
  readonly id: string;
  /** Bytes of its weights, tokenizer, configuration and library. */
  readonly bytes: number;
  /** Other catalogue models that use the same weights (deleting one deletes the weights of both). */
  readonly sharesWeightsWith: readonly string[];
}

/** The weights' base URL web-llm uses: the record's URL with "/resolve/main/" for Hugging Face repos. */
export function weightsBase(modelUrl: string): string {
  const trimmed = modelUrl.replace(/\/+$/, '');
  return /huggingface\.co\/[^/]+\/[^/]+$/.test(trimmed) ? `${trimmed}/resolve/main/` : `${trimmed}/`;
}

/**
 * The cached models among `catalogue`, given the cached entries and each model's library URL.
 * A model counts as cached when any parameter shard of it is in the cache.
 */
export function cachedModels(
  catalogue: readonly CatalogueModel[],
  libs: ReadonlyMap<string, string>,
  entries: readonly CacheEntry[],
): CachedModel[] {
  const byBase = new Map<string, { bytes: number; shards: number }>();
  const bytesOf = new Map(entries.map((e) => [e.url, e.bytes]));
  for (const e of entries) {
    const m = /^(.*\/)[^/]+$/.exec(e.url);
    if (!m) continue;
    const base = m[1]!;
    const agg = byBase.get(base) ?? { bytes: 0, shards: 0 };
    agg.bytes += e.bytes;
    if (/params_shard_\d+\.bin$/.test(e.url)) agg.shards++;
    byBase.set(base, agg);
  }
  const out: CachedModel[] = [];
  for (const m of catalogue) {
    const base = weightsBase(m.modelUrl);
    const agg = byBase.get(base);
    if (!agg || agg.shards === 0) continue;
    const lib = libs.get(m.id);
    const twins = catalogue
      .filter((o) => o.id !== m.id && weightsBase(o.modelUrl) === base && (byBase.get(base)?.shards ?? 0) > 0)
      .map((o) => o.id);
    out.push({ id: m.id, bytes: agg.bytes + (lib ? (bytesOf.get(lib) ?? 0) : 0), sharesWeightsWith: twins });
  }
  return out;
}
