/**
 * A word diff of y_l against y_w for the pairs view, made by jsdiff (`diff`'s diffWords): which
 * words the revision kept, dropped and added. Long, very different answers stop diffing after
 * `maxEdits` edits and show as one removal and one addition.
 */
import { diffWords } from 'diff';

/** One run of words: kept by both, only in y_l (removed) or only in y_w (added). */
export interface DiffToken {
  /** "same", "removed" (y_l only) or "added" (y_w only). */
  readonly op: 'same' | 'removed' | 'added';
  /** The words, with the spaces between them. */
  readonly text: string;
}

/** The word diff of `before` (y_l) into `after` (y_w); concatenating same+removed gives `before`, same+added gives `after`. */
export function wordDiff(before: string, after: string, maxEdits = 2000): DiffToken[] {
  const changes = diffWords(before, after, { maxEditLength: maxEdits });
  if (!changes) {
    const out: DiffToken[] = [];
    if (before) out.push({ op: 'removed', text: before });
    if (after) out.push({ op: 'added', text: after });
    return out;
  }
  return changes.map((c) => ({ op: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}

/** The share of `after`'s characters that are new (0: y_w repeats y_l; 1: nothing kept). */
export function changedShare(tokens: readonly DiffToken[]): number {
  let added = 0;
  let total = 0;
  for (const t of tokens) {
    if (t.op === 'removed') continue;
    total += t.text.length;
    if (t.op === 'added') added += t.text.length;
  }
  return total ? added / total : 0;
}
