/**
 * What a long-running job needs of the app (the runs and the prompt sets take it): the database, the
 * conversations, the LLM worker, the models and the settings. The composition root (`app.ts`) is
 * the one object that provides it; this file only names the shape, so a state class never imports the root.
 */
import type { ConversationStore } from '../db/conversation-store';
import type { PersonaLabDb } from '../db/database';
import type { LlmWorkerClient } from '../platform/llm-worker-client';
import type { ChatSession } from './ChatSession.svelte';
import type { LlmSettingsState } from './LlmSettingsState.svelte';
import type { ModelManager } from './ModelManager.svelte';

/** The shared objects a job uses. */
export interface Services {
  /** The one database connection. */
  readonly db: PersonaLabDb;
  /** The chat's conversations. */
  readonly conversations: ConversationStore;
  /** The one LLM worker. */
  readonly llmWorker: LlmWorkerClient;
  /** The WebGPU models. */
  readonly models: ModelManager;
  /** The LLM settings. */
  readonly settings: LlmSettingsState;
  /** The chat. */
  readonly chat: ChatSession;
}
