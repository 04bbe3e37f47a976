import { afterEach, describe, expect, it, vi } from 'vitest';
import { readStorage } from '../../../src/platform/storage';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('readStorage', () => {
  it("gives usage, quota, persistence and, where the browser tells (Chromium's usageDetails), the bytes of each store", async () => {
    const estimate = async () => ({ usage: 300, quota: 1000, usageDetails: { indexedDB: 100, caches: 200 } });
    vi.stubGlobal('navigator', { storage: { estimate, persisted: async () => true } });
    expect(await readStorage()).toEqual({ usedBytes: 300, quotaBytes: 1000, persisted: true, byStore: { indexedDB: 100, caches: 200 } });
  });

  it('leaves out what the browser does not tell', async () => {
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 5 }) } });
    expect(await readStorage()).toEqual({ usedBytes: 5 });
    vi.stubGlobal('navigator', {});
    expect(await readStorage()).toEqual({});
  });
});
