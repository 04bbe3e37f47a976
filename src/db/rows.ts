/** Row types of the database: what is stored, apart from the domain models they are made from. */
import type { Conversation } from '../core/chat/conversation';

/** One setting. */
export interface SettingRow {
  /** The setting's name, e.g. "llm" or "sampling". */
  readonly key: string;
  /** Its value: plain data, validated by the store that reads it. */
  readonly value: unknown;
}

/** A stored conversation: the domain record as it is (it is plain data already). */
export type ConversationRow = Conversation;
