/**
 * Editing a prompt set: searching it, adding, changing and deleting prompts (a changed text gets a
 * new id, duplicates are refused), and the JSONL file a set exports as (one `{id, text, topic,
 * split}` object a line, which the prompt importer reads back as it is).
 */
import { TOPICS, topicByKeywords } from './topics';
import { normalizePrompt, promptId, type PromptItem, type PromptSplit } from './types';

/** What a prompt edit gives: the new list, or why it was refused. */
export type PromptEdit = { readonly ok: true; readonly prompts: PromptItem[] } | { readonly ok: false; readonly error: string };

/** The prompts whose text holds every search word (case-insensitive) and, when given, of a topic. */
export function searchPrompts(prompts: readonly PromptItem[], query: string, topic = ''): PromptItem[] {
  const words = normalizePrompt(query).split(' ').filter(Boolean);
  return prompts.filter((p) => (!topic || p.topic === topic) && words.every((w) => normalizePrompt(p.text).includes(w)));
}

/** A prompt's fields as a person edits them; the topic defaults to the keyword rules' and the split to train. */
export interface PromptFields {
  /** The question. */
  readonly text: string;
  /** Topic id; "" for the keyword rules' topic. */
  readonly topic?: string;
  /** Split; default train. */
  readonly split?: PromptSplit;
}

/** The prompt a person's fields make, or why not. */
function made(fields: PromptFields, others: readonly PromptItem[]): PromptItem | string {
  const text = fields.text.trim();
  if (!text) return 'The prompt is empty.';
  const key = normalizePrompt(text);
  const twin = others.find((p) => normalizePrompt(p.text) === key);
  if (twin) return `The set already has this prompt ("${twin.text}").`;
  return { id: promptId(text), text, topic: fields.topic || topicByKeywords(text), split: fields.split ?? 'train' };
}

/** Adds a prompt at the end. */
export function addPrompt(prompts: readonly PromptItem[], fields: PromptFields): PromptEdit {
  const p = made(fields, prompts);
  return typeof p === 'string' ? { ok: false, error: p } : { ok: true, prompts: [...prompts, p] };
}

/** Changes a prompt in place (a changed text gives it a new id; runs keep their own copies). */
export function editPrompt(prompts: readonly PromptItem[], id: string, fields: PromptFields): PromptEdit {
  const at = prompts.findIndex((p) => p.id === id);
  if (at < 0) return { ok: false, error: `No prompt with id "${id}".` };
  const old = prompts[at]!;
  const p = made(
    { topic: old.topic, split: old.split, ...fields },
    prompts.filter((_, i) => i !== at),
  );
  if (typeof p === 'string') return { ok: false, error: p };
  const kept = normalizePrompt(p.text) === normalizePrompt(old.text) ? { ...p, id: old.id } : p;
  return { ok: true, prompts: prompts.map((x, i) => (i === at ? kept : x)) };
}

/** Deletes a prompt. */
export function removePrompt(prompts: readonly PromptItem[], id: string): PromptItem[] {
  return prompts.filter((p) => p.id !== id);
}

/** The topic ids a person can pick from: every known topic and "other". */
export const TOPIC_CHOICES: readonly string[] = [...TOPICS.map((t) => t.id), 'other'];

/** A set's prompts as JSONL, one `{id, text, topic, split}` a line. */
export function promptsJsonl(prompts: readonly PromptItem[]): string {
  return (
    prompts.map((p) => JSON.stringify({ id: p.id, text: p.text, topic: p.topic, ...(p.split ? { split: p.split } : {}) })).join('\n') + '\n'
  );
}
