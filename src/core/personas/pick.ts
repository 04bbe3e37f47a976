/**
 * Draws from curated lists, keeping only the entries that suit the person. The eligible subset
 * depends on a handful of facts (stage, age, work, retirement, marriage, citizenship), so it is
 * computed once per distinct combination and cached.
 */
import type { Rng } from '../random';
import { contextKey, suits, type EntryContext, type ListEntry } from './lists/types';

/** A list with cached eligible subsets. */
export class ListPicker<E extends ListEntry> {
  readonly #entries: readonly E[];
  readonly #cache = new Map<number, Map<string, readonly E[]>>();

  constructor(entries: readonly E[]) {
    this.#entries = entries;
  }

  /** The entries that suit a person (in list order). */
  eligible(ctx: EntryContext, filter?: (e: E) => boolean, filterKey = ''): readonly E[] {
    const key = ctx.key ?? contextKey(ctx);
    let byFilter = this.#cache.get(key);
    if (!byFilter) this.#cache.set(key, (byFilter = new Map()));
    let hit = byFilter.get(filterKey);
    if (!hit) {
      hit = this.#entries.filter((e) => suits(e, ctx) && (!filter || filter(e)));
      byFilter.set(filterKey, hit);
    }
    return hit;
  }

  /** One suitable entry, uniformly; throws when none suits (a gap in the list, i.e. a bug). */
  pick(rng: Rng, ctx: EntryContext, filter?: (e: E) => boolean, filterKey = ''): E {
    const pool = this.eligible(ctx, filter, filterKey);
    if (pool.length === 0) throw new Error(`No list entry suits age ${ctx.age} (${filterKey || 'no filter'})`);
    return rng.pick(pool);
  }

  /** k distinct suitable entries in random order (a partial Fisher-Yates shuffle: k draws). */
  sample(rng: Rng, ctx: EntryContext, k: number): E[] {
    const pool = this.eligible(ctx);
    const n = pool.length;
    const taken: number[] = [];
    const out: E[] = [];
    for (let i = 0; i < Math.min(k, n); i++) {
      let j = rng.int(n - i);
      for (const t of taken.slice().sort((a, b) => a - b)) if (j >= t) j++;
      taken.push(j);
      out.push(pool[j] as E);
    }
    return out;
  }
}
