/**
 * Prompt records shared by the prompt-set importers, filters, splits and the pair pipeline.
 */
import { hashHex } from '../random';

/** Which side of the prompt split a prompt is on: PERSONA used 3,000 train and 868 held-out prompts. */
export type PromptSplit = 'train' | 'heldout';

/** One prompt (an instruction x in the paper). */
export interface PromptItem {
  /** Stable id; `promptId(text)` unless the source file gave one. */
  readonly id: string;
  /** The question as a person would ask it. */
  readonly text: string;
  /** Topic id from `TOPICS` (or "other"); free text when an imported file names its own topics. */
  readonly topic: string;
  /** Split, once one is assigned; undefined before `splitByTopic`. */
  readonly split?: PromptSplit;
}

/** Whitespace collapsed, trimmed, lower case, typographic quotes folded: the key duplicates share. */
export function normalizePrompt(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A stable prompt id from its normalised text ("p-" and 16 hex digits). */
export function promptId(text: string): string {
  return `p-${hashHex(normalizePrompt(text))}`;
}

/** Reads a split label leniently: "train"; "heldout", "held-out", "held_out", "test" → "heldout"; else undefined. */
export function parseSplit(value: unknown): PromptSplit | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase().replace(/[-_ ]/g, '');
  if (v === 'train') return 'train';
  if (v === 'heldout' || v === 'test' || v === 'holdout') return 'heldout';
  return undefined;
}
