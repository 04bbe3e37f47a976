/**
 * PERSONA's rule filters (§3.2): drop every prompt without a question mark and every prompt under
 * five words, then drop duplicates. The controversy classifier, which needs a model, is in
 * `classify.ts` and runs on what survives here.
 */
import { normalizePrompt, type PromptItem } from './types';

/** Why a prompt was dropped. */
type DropReason = 'empty' | 'no-question-mark' | 'too-short' | 'duplicate' | 'not-controversial';

/** Counts of what a filter pass kept and dropped. */
export interface FilterReport {
  /** Prompts in. */
  readonly input: number;
  /** Prompts kept. */
  readonly kept: number;
  /** Prompts dropped, by reason (a prompt counts under its first failing rule only). */
  readonly dropped: Readonly<Partial<Record<DropReason, number>>>;
}

/** Options for `ruleFilter`. */
export interface RuleFilterOptions {
  /** Minimum words (runs of non-space characters); the paper's is 5. */
  readonly minWords?: number;
  /** Require a "?" anywhere in the text (the paper's rule). Default true. */
  readonly requireQuestionMark?: boolean;
}

/** Words in a text: runs of non-whitespace characters. "Do God exist?" has 3. */
export function wordCount(text: string): number {
  const t = text.trim();
  return t ? t.split(/\s+/).length : 0;
}

/**
 * Applies the rule filters in the paper's order (question mark, length), then drops duplicates
 * (same text after `normalizePrompt`; the first occurrence is kept). Texts are trimmed.
 */
export function ruleFilter(
  prompts: readonly PromptItem[],
  options: RuleFilterOptions = {},
): { prompts: PromptItem[]; report: FilterReport } {
  const minWords = options.minWords ?? 5;
  const requireQ = options.requireQuestionMark ?? true;
  const dropped: Partial<Record<DropReason, number>> = {};
  const drop = (r: DropReason) => (dropped[r] = (dropped[r] ?? 0) + 1);
  const seen = new Set<string>();
  const kept: PromptItem[] = [];
  for (const p of prompts) {
    const text = p.text.trim();
    if (!text) drop('empty');
    else if (requireQ && !text.includes('?')) drop('no-question-mark');
    else if (wordCount(text) < minWords) drop('too-short');
    else {
      const key = normalizePrompt(text);
      if (seen.has(key)) drop('duplicate');
      else {
        seen.add(key);
        kept.push(text === p.text ? p : { ...p, text });
      }
    }
  }
  return { prompts: kept, report: { input: prompts.length, kept: kept.length, dropped } };
}

/** Counts prompts per topic, topics in first-seen order. */
export function countByTopic(prompts: readonly PromptItem[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of prompts) counts.set(p.topic, (counts.get(p.topic) ?? 0) + 1);
  return counts;
}
