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
  /** For a weights manifest (`tensor-cache.json`): the shard files it lists, relative to it. */
  readonly shards?: readonly string[];
}

/** A model with files in the cache. */
export interface CachedModel {
  /** The model id. */
  readonly id: string;
  /** Bytes of its weights, tokenizer, configuration and library. */
  readonly bytes: number;
  /** Other catalogue models that use the same weights (deleting one deletes the weights of both). */
  readonly sharesWeightsWith: readonly string[];
  /**
   * Whether every shard its manifest lists is cached (web-llm's `hasModelInCache`): it then loads
   * without the network. False for a download that stopped part way.
   */
  readonly complete: boolean;
  /** Shards cached and shards listed (0 listed when the manifest itself is missing). */
  readonly shards: { readonly cached: number; readonly total: number };
}

/** The weights' base URL web-llm uses: the record's URL with "/resolve/main/" for Hugging Face repos. */
export function weightsBase(modelUrl: string): string {
  const trimmed = modelUrl.replace(/\/+$/, '');
  return /huggingface\.co\/[^/]+\/[^/]+$/.test(trimmed) ? `${trimmed}/resolve/main/` : `${trimmed}/`;
}

/** The manifest names web-llm has used for the weights' list (0.2.86 writes tensor-cache.json). */
const MANIFESTS = ['tensor-cache.json', 'ndarray-cache.json'];

/**
 * The models among `catalogue` with files in the cache, given the cached entries and each model's
 * library URL: complete when the weights manifest is cached and every shard it lists is, partial
 * when only some files are (a download that was cancelled or failed part way).
 */
export function cachedModels(
  catalogue: readonly CatalogueModel[],
  libs: ReadonlyMap<string, string>,
  entries: readonly CacheEntry[],
): CachedModel[] {
  const byUrl = new Map(entries.map((e) => [e.url, e]));
  const byBase = new Map<string, { bytes: number; files: number }>();
  for (const e of entries) {
    const m = /^(.*\/)[^/]+$/.exec(e.url);
    if (!m) continue;
    const agg = byBase.get(m[1]!) ?? { bytes: 0, files: 0 };
    agg.bytes += e.bytes;
    agg.files++;
    byBase.set(m[1]!, agg);
  }
  const shardsOf = (base: string) => {
    const manifest = MANIFESTS.map((name) => byUrl.get(`${base}${name}`)).find((e) => e?.shards !== undefined);
    const listed = manifest?.shards ?? [];
    const cached = listed.filter((f) => byUrl.has(new URL(f, base).href)).length;
    const loose = entries.filter((e) => e.url.startsWith(base) && /params_shard_\d+\.bin$/.test(e.url)).length;
    return { cached: manifest ? cached : loose, total: listed.length };
  };
  const out: CachedModel[] = [];
  for (const m of catalogue) {
    const base = weightsBase(m.modelUrl);
    const agg = byBase.get(base);
    if (!agg) continue;
    const shards = shardsOf(base);
    const complete = shards.total > 0 && shards.cached === shards.total;
    if (!complete && shards.cached === 0) continue; // a configuration or tokenizer alone is not a model
    const lib = libs.get(m.id);
    const twins = catalogue.filter((o) => o.id !== m.id && weightsBase(o.modelUrl) === base).map((o) => o.id);
    out.push({ id: m.id, bytes: agg.bytes + (lib ? (byUrl.get(lib)?.bytes ?? 0) : 0), sharesWeightsWith: twins, complete, shards });
  }
  return out;
}
