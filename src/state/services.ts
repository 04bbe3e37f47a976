/**
 * The app's long-lived objects, made once on first use: the database and its stores, the LLM
 * worker client, and the state shared by pages. Pages import this lazily, so none of it (Dexie
 * included) weighs on the entry bundle.
 */
import { ConversationStore } from '../db/conversation-store';
import { PersonaLabDb } from '../db/database';
import { SettingsStore } from '../db/settings-store';
import { LlmWorkerClient } from '../platform/llm-worker-client';
import { ChatSession } from './ChatSession.svelte';
import { detached } from './detached.svelte';
import { LlmSettingsState } from './LlmSettingsState.svelte';
import { ModelManager } from './ModelManager.svelte';

/** The shared objects. */
export interface Services {
  readonly db: PersonaLabDb;
  readonly conversations: ConversationStore;
  readonly llmWorker: LlmWorkerClient;
  readonly models: ModelManager;
  readonly settings: LlmSettingsState;
  readonly chat: ChatSession;
}

let instance: Services | undefined;

/** The shared objects, made on first call. */
export function services(): Services {
  if (!instance) {
    const db = new PersonaLabDb();
    const llmWorker = new LlmWorkerClient();
    const conversations = new ConversationStore(db);
    instance = detached(() => ({
      db,
      conversations,
      chat: new ChatSession(conversations),
      llmWorker,
      models: new ModelManager(llmWorker),
      settings: new LlmSettingsState(new SettingsStore(db), llmWorker),
    }));
  }
  return instance;
}
