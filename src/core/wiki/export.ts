/**
 * A study's data files: the questions, the pairs (with the bracket's verdicts), the prefixes, and
 * the training export: every pair under every prefix as TRL preference JSONL, the prefix prepended
 * to the prompt as G.7–G.10 write it (the paper's multitask set-up), so DPO can run elsewhere.
 */
import { prefixedPrompt, type PrefixKind } from './prefixes';
import type { WikiPair, WikiPrefix } from './store';

/** JSON lines of any records. */
export function jsonl(records: readonly unknown[]): string {
  return records.map((r) => JSON.stringify(r) + '\n').join('');
}

/** One TRL line. */
export interface TrlLine {
  /** The prompt with the prefix. */
  readonly prompt: string;
  /** y_w. */
  readonly chosen: string;
  /** y_l. */
  readonly rejected: string;
  /** The person's name. */
  readonly name: string;
  /** The person's id. */
  readonly person_id: string;
  /** The prefix condition. */
  readonly prefix: PrefixKind;
  /** The question's id. */
  readonly question_id: string;
  /** Personal or divergent. */
  readonly question_type: WikiPair['type'];
  /** Train or eval. */
  readonly split: WikiPair['split'];
}

/**
 * The TRL lines: each pair once per prefix in `kinds` for which the person has a prefix ("random"
 * is a baseline, not a prefix, and is skipped). Pairs are in the order given, prefixes in `kinds` order.
 */
export function trlLines(
  pairs: readonly WikiPair[],
  prefixes: readonly WikiPrefix[],
  names: ReadonlyMap<string, string>,
  kinds: readonly PrefixKind[],
): TrlLine[] {
  const byKey = new Map(prefixes.map((p) => [`${p.personId}/${p.kind}`, p]));
  const out: TrlLine[] = [];
  for (const pair of pairs) {
    for (const kind of kinds) {
      if (kind === 'random') continue;
      const prefix = byKey.get(`${pair.personId}/${kind}`);
      if (!prefix) continue;
      out.push({
        prompt: prefixedPrompt(prefix, pair.question),
        chosen: pair.yw,
        rejected: pair.yl,
        name: names.get(pair.personId) ?? pair.personId,
        person_id: pair.personId,
        prefix: kind,
        question_id: pair.questionId,
        question_type: pair.type,
        split: pair.split,
      });
    }
  }
  return out;
}
