import { describe, expect, it } from 'vitest';
import { PersonaLabDb } from '../../../src/db/database';
import { DexiePipelineStore } from '../../../src/db/pipeline-store';
import { CallCache } from '../../../src/state/CallCache.svelte';

describe('CallCache', () => {
  it('counts the one call cache and clears it', async () => {
    const db = new PersonaLabDb(`cache-${crypto.randomUUID()}`);
    const store = new DexiePipelineStore(db);
    for (const key of ['c-1', 'c-2'])
      await store.checkpoint(undefined, { key, text: 'x', finishReason: 'stop', model: 'm', ms: 1, createdAt: 1 });
    const cache = new CallCache(store);
    expect(cache.count).toBeNull();
    await cache.refresh();
    expect(cache.count).toBe(2);
    await cache.clear();
    expect(cache.count).toBe(0);
    expect(cache.notice).toBe('Cleared 2 cached answers.');
    expect(await store.cachedCalls()).toBe(0);
    await db.delete();
  });
});
