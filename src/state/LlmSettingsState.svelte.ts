/**
 * The chosen backend and sampling settings, loaded from and saved to the database, and the
 * `LlmClient` they make: the model loaded in this GPU, or an OpenAI-compatible server.
 */
import { OpenAiHttpClient } from '../core/llm/openai-http';
import type { LlmClient } from '../core/llm/types';
import { DEFAULT_LLM, DEFAULT_SAMPLING, type LlmSettings, type SamplingSettings, type SettingsStore } from '../db/settings-store';
import type { LlmWorkerClient } from '../platform/llm-worker-client';

export class LlmSettingsState {
  /** Backend settings. */
  llm = $state.raw<LlmSettings>(DEFAULT_LLM);
  /** Sampling settings. */
  sampling = $state.raw<SamplingSettings>(DEFAULT_SAMPLING);
  /** True once the stored settings have been read. */
  ready = $state(false);

  readonly #store: SettingsStore;
  readonly #worker: LlmWorkerClient;

  constructor(store: SettingsStore, worker: LlmWorkerClient) {
    this.#store = store;
    this.#worker = worker;
    void Promise.all([store.llm(), store.sampling()]).then(([llm, sampling]) => {
      this.llm = llm;
      this.sampling = sampling;
      this.ready = true;
    });
  }

  /** Changes and stores backend settings. */
  async setLlm(patch: Partial<LlmSettings>): Promise<void> {
    this.llm = { ...this.llm, ...patch };
    await this.#store.saveLlm(this.llm);
  }

  /** Changes and stores sampling settings. */
  async setSampling(value: SamplingSettings): Promise<void> {
    this.sampling = value;
    await this.#store.saveSampling(value);
  }

  /**
   * The client for the chosen backend: for WebGPU, the model loaded in the worker (undefined when
   * none is); for a server, a client for its address and model (undefined until both are set).
   */
  client(loadedModel: string | undefined): LlmClient | undefined {
    if (this.llm.backend === 'webllm') return loadedModel ? this.#worker.client(loadedModel) : undefined;
    if (!this.llm.baseUrl.trim() || !this.llm.httpModel.trim()) return undefined;
    try {
      return new OpenAiHttpClient({ baseUrl: this.llm.baseUrl, model: this.llm.httpModel, ...(this.llm.apiKey ? { apiKey: this.llm.apiKey } : {}) });
    } catch {
      return undefined;
    }
  }
}
