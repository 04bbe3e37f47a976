/**
 * The chosen backend and sampling settings, loaded from and saved to the database, and the
 * `LlmClient` they make: the model loaded in this GPU, or an OpenAI-compatible server.
 */
import { bindApiKey } from '../core/llm/api-key';
import { DEFAULT_REQUEST_TIMEOUT_S, OpenAiHttpClient, timeoutsFor, withoutSecrets } from '../core/llm/openai-http';
import type { LlmClient } from '../core/llm/types';
import { DEFAULT_LLM, DEFAULT_CHAT_SAMPLING, type LlmSettings, type SamplingSettings, type SettingsStore } from '../db/settings-store';
import type { LlmWorkerClient } from '../platform/llm-worker-client';

export class LlmSettingsState {
  #llm = $state.raw<LlmSettings>(DEFAULT_LLM);
  #sampling = $state.raw<SamplingSettings>(DEFAULT_CHAT_SAMPLING);
  #ready = $state(false);
  #keyDroppedFor = $state<string | undefined>();

  readonly #store: SettingsStore;
  readonly #worker: LlmWorkerClient;
  /** Changes made before the stored settings were read: they win over the stored values. */
  #early: { llm: Partial<LlmSettings>; sampling?: SamplingSettings } = { llm: {} };

  /** Backend settings. */
  get llm() {
    return this.#llm;
  }
  /** Sampling settings. */
  get sampling() {
    return this.#sampling;
  }
  /** True once the stored settings have been read. */
  get ready() {
    return this.#ready;
  }
  /** Set when a change of base URL dropped the API key entered for another server: that server's address. */
  get keyDroppedFor() {
    return this.#keyDroppedFor;
  }

  constructor(store: SettingsStore, worker: LlmWorkerClient) {
    this.#store = store;
    this.#worker = worker;
    void Promise.all([store.llm(), store.sampling()]).then(async ([llm, sampling]) => {
      const early = this.#early;
      this.#llm = bindApiKey({ ...llm, baseUrl: withoutSecrets(llm.baseUrl) }, early.llm).next;
      this.#sampling = early.sampling ?? sampling;
      this.#ready = true;
      if (Object.keys(early.llm).length) await this.#store.saveLlm(this.#llm);
      if (early.sampling) await this.#store.saveSampling(early.sampling);
    });
  }

  /**
   * Changes and stores backend settings. A change made before the stored settings were read is
   * applied over them once they are (and only then stored), so it neither gets lost nor resets the rest.
   * The API key stays bound to the server it was entered for: a base URL naming another server drops it.
   */
  async setLlm(patch: Partial<LlmSettings>): Promise<void> {
    if (patch.baseUrl !== undefined) patch = { ...patch, baseUrl: withoutSecrets(patch.baseUrl) };
    const before = this.#llm;
    const { next, dropped } = bindApiKey(before, patch);
    this.#llm = next;
    if (dropped) {
      this.#keyDroppedFor = before.apiKeyBaseUrl ?? before.baseUrl;
      patch = { ...patch, apiKey: '', apiKeyBaseUrl: undefined };
    } else if (patch.apiKey !== undefined) {
      this.#keyDroppedFor = undefined;
      patch = { ...patch, apiKeyBaseUrl: next.apiKeyBaseUrl };
    }
    if (!this.#ready) {
      this.#early.llm = { ...this.#early.llm, ...patch };
      return;
    }
    await this.#store.saveLlm(this.#llm);
  }

  /** Changes and stores sampling settings (as `setLlm` before the stored settings were read). */
  async setSampling(value: SamplingSettings): Promise<void> {
    this.#sampling = value;
    if (!this.#ready) {
      this.#early.sampling = value;
      return;
    }
    await this.#store.saveSampling(value);
  }

  /** The server's request timeouts: the total from the settings, silence once a reply started at most 2 minutes. */
  timeouts(): { timeoutMs: number; idleTimeoutMs: number } {
    return timeoutsFor(this.#llm.timeoutS ?? DEFAULT_REQUEST_TIMEOUT_S);
  }

  /**
   * The client for the chosen backend: for WebGPU, the model loaded in the worker (undefined when
   * none is); for a server, a client for its address and model (undefined until both are set).
   */
  client(loadedModel: string | undefined): LlmClient | undefined {
    if (this.#llm.backend === 'webllm') return loadedModel ? this.#worker.client(loadedModel) : undefined;
    if (!this.#llm.baseUrl.trim() || !this.#llm.httpModel.trim()) return undefined;
    try {
      return new OpenAiHttpClient({
        baseUrl: this.#llm.baseUrl,
        model: this.#llm.httpModel,
        ...(this.#llm.apiKey ? { apiKey: this.#llm.apiKey } : {}),
        ...this.timeouts(),
      });
    } catch {
      return undefined;
    }
  }
}
