import { describe, expect, it } from 'vitest';
import { PersonaLabDb } from '../../../src/db/database';
import { DEFAULT_CHAT_SAMPLING, SettingsStore, type LlmSettings } from '../../../src/db/settings-store';
import { LlmWorkerClient } from '../../../src/platform/llm-worker-client';
import { LlmSettingsState } from '../../../src/state/LlmSettingsState.svelte';

const stored: LlmSettings = { backend: 'webllm', baseUrl: 'http://gpu-box:8000/v1', httpModel: 'qwen', apiKey: 'k' };
const worker = new LlmWorkerClient(() => {
  throw new Error('no worker in this test');
});

/** A store whose reads wait until `release()`, as IndexedDB does on a busy page. */
function slowStore(db: PersonaLabDb) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const store = new SettingsStore(db);
  const llm = store.llm.bind(store);
  const sampling = store.sampling.bind(store);
  store.llm = () => gate.then(llm);
  store.sampling = () => gate.then(sampling);
  return { store, release };
}

describe('LlmSettingsState', () => {
  it('keeps a change made before the stored settings were read, over the stored values, and stores the merge', async () => {
    const db = new PersonaLabDb(`settings-${crypto.randomUUID()}`);
    await new SettingsStore(db).saveLlm(stored);
    const { store, release } = slowStore(db);
    const s = new LlmSettingsState(store, worker);
    await s.setLlm({ backend: 'openai-http' }); // the user picks the server before the read finishes
    await s.setSampling({ ...DEFAULT_CHAT_SAMPLING, temperature: 0.1 });
    expect(s.llm.backend).toBe('openai-http');
    release();
    await expect.poll(() => s.ready).toBe(true);
    expect(s.llm).toEqual({ ...stored, backend: 'openai-http' });
    expect(s.sampling.temperature).toBe(0.1);
    await expect.poll(async () => (await new SettingsStore(db).llm()).backend).toBe('openai-http');
    expect(await new SettingsStore(db).llm()).toEqual({ ...stored, backend: 'openai-http' });
    expect((await new SettingsStore(db).sampling()).temperature).toBe(0.1);
    await db.delete();
  });

  it('reads the stored settings and stores later changes at once', async () => {
    const db = new PersonaLabDb(`settings-${crypto.randomUUID()}`);
    await new SettingsStore(db).saveLlm(stored);
    const s = new LlmSettingsState(new SettingsStore(db), worker);
    await expect.poll(() => s.ready).toBe(true);
    expect(s.llm).toEqual(stored);
    await s.setLlm({ httpModel: 'llama' });
    expect((await new SettingsStore(db).llm()).httpModel).toBe('llama');
    await db.delete();
  });

  it('stores a base URL without credentials or query secrets, and gives the server client the request timeout', async () => {
    const db = new PersonaLabDb(`settings-${crypto.randomUUID()}`);
    await new SettingsStore(db).saveLlm({ ...stored, baseUrl: 'http://old:pw@gpu-box:8000/v1?key=old' });
    const s = new LlmSettingsState(new SettingsStore(db), worker);
    await expect.poll(() => s.ready).toBe(true);
    expect(s.llm.baseUrl).toBe('http://gpu-box:8000/v1');
    await s.setLlm({ backend: 'openai-http', baseUrl: 'https://alice:s3cret@api.example/v1?token=abc', timeoutS: 30 });
    expect(s.llm.baseUrl).toBe('https://api.example/v1');
    expect(JSON.stringify(await new SettingsStore(db).llm())).not.toMatch(/s3cret|alice|abc/);
    expect(s.timeouts()).toEqual({ timeoutMs: 30_000, idleTimeoutMs: 30_000 });
    await s.setLlm({ timeoutS: 600 });
    expect(s.timeouts()).toEqual({ timeoutMs: 600_000, idleTimeoutMs: 120_000 });
    expect(s.client(undefined)).toMatchObject({ baseUrl: 'https://api.example/v1', model: 'qwen' });
    await db.delete();
  });
});

describe('the API key in the page (#9)', () => {
  it('is bound to the server it was entered for: another base URL drops it and says so, the same server keeps it', async () => {
    const db = new PersonaLabDb(`settings-${crypto.randomUUID()}`);
    await new SettingsStore(db).saveLlm({ ...stored, backend: 'openai-http', apiKey: '' });
    const s = new LlmSettingsState(new SettingsStore(db), worker);
    await expect.poll(() => s.ready).toBe(true);
    await s.setLlm({ apiKey: 'sk-gpu-box' });
    expect(s.llm).toMatchObject({ apiKey: 'sk-gpu-box', apiKeyBaseUrl: 'http://gpu-box:8000/v1' });
    await s.setLlm({ baseUrl: 'http://gpu-box:8000/v1/' }); // the same server, written differently
    expect(s.llm.apiKey).toBe('sk-gpu-box');
    expect(s.keyDroppedFor).toBeUndefined();
    await s.setLlm({ baseUrl: 'https://api.other.example/v1' });
    expect(s.llm.apiKey).toBe('');
    expect(s.keyDroppedFor).toBe('http://gpu-box:8000/v1');
    expect(JSON.stringify(await new SettingsStore(db).llm())).not.toContain('sk-gpu-box');
    expect(s.client(undefined)).toBeDefined(); // a client without a key: the other server is never sent the first one's
    await s.setLlm({ apiKey: 'sk-other' });
    expect(s.keyDroppedFor).toBeUndefined();
    expect(await new SettingsStore(db).llm()).toMatchObject({ apiKey: 'sk-other', apiKeyBaseUrl: 'https://api.other.example/v1' });
    await db.delete();
  });

  it('keeps a key stored before keys were bound for the base URL stored with it', async () => {
    const db = new PersonaLabDb(`settings-${crypto.randomUUID()}`);
    await new SettingsStore(db).saveLlm(stored); // no apiKeyBaseUrl
    const s = new LlmSettingsState(new SettingsStore(db), worker);
    await expect.poll(() => s.ready).toBe(true);
    await s.setLlm({ httpModel: 'other' });
    expect(s.llm.apiKey).toBe('k');
    await s.setLlm({ baseUrl: 'http://another-box:8000/v1' });
    expect(s.llm.apiKey).toBe('');
    await db.delete();
  });
});
