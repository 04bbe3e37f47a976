/**
 * Settings kept across reloads: which backend answers (WebGPU or an OpenAI-compatible server),
 * the model, the server's address, and the sampling settings. Values are validated on read, so a
 * damaged or outdated row falls back to the defaults instead of breaking the app.
 */
import { DEFAULT_SAMPLING } from '../core/pipeline/config';
import { z } from 'zod';
import type { PersonaLabDb } from './database';

/** The language-model backend settings. */
const llmSettingsSchema = z.object({
  /** "webllm" runs models on this GPU; "openai-http" sends requests to a server. */
  backend: z.enum(['webllm', 'openai-http']),
  /** The web-llm model id chosen on the Models page; undefined until one is chosen. */
  webllmModel: z.string().optional(),
  /** The server's API root, e.g. http://localhost:11434/v1. */
  baseUrl: z.string(),
  /** The server's model name. */
  httpModel: z.string(),
  /** The server's API key; empty for local servers (kept in this browser only). */
  apiKey: z.string(),
  /** The base URL (without credentials) the key was entered for: a key is sent to that server only (#9). */
  apiKeyBaseUrl: z.string().optional(),
  /** Seconds a request to the server may take before it is given up (and retried in runs); undefined: the default. */
  timeoutS: z.number().positive().max(86_400).optional(),
});

/** The language-model backend settings. */
export type LlmSettings = z.infer<typeof llmSettingsSchema>;

/** Sampling settings for the chat. */
const samplingSchema = z.object({
  temperature: z.number().min(0).max(2),
  top_p: z.number().gt(0).max(1),
  max_tokens: z.number().int().min(1).max(8192),
  /** Undefined means a fresh random seed on every reply. */
  seed: z.number().int().min(0).optional(),
});

/** Sampling settings for the chat. */
export type SamplingSettings = z.infer<typeof samplingSchema>;

/** Defaults: WebGPU; Ollama's address for the server backend. */
export const DEFAULT_LLM: LlmSettings = { backend: 'webllm', baseUrl: 'http://localhost:11434/v1', httpModel: '', apiKey: '' };

/** Defaults: lively but coherent role-play (the chat's part of the one `DEFAULT_SAMPLING`). */
export const DEFAULT_CHAT_SAMPLING: SamplingSettings = { ...DEFAULT_SAMPLING.chat };

/** Reads and writes the settings rows. */
export class SettingsStore {
  readonly #db: PersonaLabDb;

  constructor(db: PersonaLabDb) {
    this.#db = db;
  }

  async #read<T>(key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
    const row = await this.#db.settings.get(key);
    const parsed = schema.safeParse(row?.value);
    return parsed.success ? parsed.data : fallback;
  }

  /** The backend settings (defaults when none are stored or the stored row is invalid). */
  llm(): Promise<LlmSettings> {
    return this.#read('llm', llmSettingsSchema, DEFAULT_LLM);
  }

  /** Stores the backend settings. */
  async saveLlm(value: LlmSettings): Promise<void> {
    await this.#db.settings.put({ key: 'llm', value: llmSettingsSchema.parse(value) });
  }

  /** The kit chosen last on the Classroom page (its id), remembered across reloads. */
  classroomKit(): Promise<string | undefined> {
    return this.#read('classroomKit', z.string().min(1).optional(), undefined);
  }

  /** Remembers the kit chosen on the Classroom page. */
  async saveClassroomKit(id: string): Promise<void> {
    await this.#db.settings.put({ key: 'classroomKit', value: id });
  }

  /** The sampling settings. */
  sampling(): Promise<SamplingSettings> {
    return this.#read('sampling', samplingSchema, DEFAULT_CHAT_SAMPLING);
  }

  /** Stores the sampling settings. */
  async saveSampling(value: SamplingSettings): Promise<void> {
    await this.#db.settings.put({ key: 'sampling', value: samplingSchema.parse(value) });
  }
}
