/**
 * The eight prefix conditions of §3.4 and the prefixed prompts of Appendix G.7–G.10. A prefix is
 * what the model knows about the person before the question: nothing, a tag, two of their training
 * pairs, a persona inferred from their pairs by the model or by a stronger one, the gold persona
 * inferred with the name, or the name itself. "random" is the paper's random-guess baseline: no
 * text and no model call, a seeded coin per pair.
 */

/** The prefix conditions, in the paper's order. */
export const PREFIX_KINDS = ['none', 'random', 'tag', 'few-shot', 'persona', 'persona-strong', 'persona-gold', 'name'] as const;

/** One prefix condition. */
export type PrefixKind = (typeof PREFIX_KINDS)[number];

/** What each condition is, for tables and help texts. */
export const PREFIX_LABELS: Readonly<Record<PrefixKind, string>> = {
  none: 'no prefix',
  random: 'random guess',
  tag: 'tag',
  'few-shot': 'few-shot',
  persona: 'persona (inferred by the model)',
  'persona-strong': 'persona strong (inferred by the second model; the paper’s persona gpt4)',
  'persona-gold': 'persona gold (inferred with the name)',
  name: 'name',
};

/** Reads a comma-separated list of prefix kinds; throws naming the first unknown one. */
export function parsePrefixList(text: string): PrefixKind[] {
  const out: PrefixKind[] = [];
  for (const raw of text.split(',')) {
    const k = raw.trim();
    if (!k) continue;
    if (!(PREFIX_KINDS as readonly string[]).includes(k)) throw new Error(`unknown prefix "${k}" (known: ${PREFIX_KINDS.join(', ')})`);
    if (!out.includes(k as PrefixKind)) out.push(k as PrefixKind);
  }
  return out;
}

/** The prefix kinds a study makes: its prefixes, plus persona gold when an inferred one needs a reference. */
function prefixKindsMade(prefixes: readonly PrefixKind[]): PrefixKind[] {
  const needGold = prefixes.some((k) => k === 'few-shot' || k === 'persona' || k === 'persona-strong');
  return needGold && !prefixes.includes('persona-gold') ? [...prefixes, 'persona-gold'] : [...prefixes];
}

/** Every prefix kind a study makes: its evaluated prefixes and win-rate conditions, and persona gold as a reference. */
export function studyPrefixKinds(c: { readonly prefixes: readonly PrefixKind[]; readonly winRate: readonly PrefixKind[] }): PrefixKind[] {
  return prefixKindsMade([...c.prefixes, ...c.winRate.filter((k) => !c.prefixes.includes(k))]);
}

const CATER =
  'Cater the response to how they might like, agree with, or be interested in. You may change the style, content, length, vocabulary, opinion, stance, or any relevant aspects of your response based on';

/** G.9's few-shot block from (x, y_w) pairs (FamousPersona's `format_few_shot_prompt`). */
export function fewShotText(shots: readonly { readonly x: string; readonly yw: string }[]): string {
  return shots.map((s) => `## Prompt:\n${s.x}\n### Preferred Response:\n${s.yw}`).join('\n\n');
}

/** The tag of the i-th person of a study (G.8). */
export function personTag(index: number): string {
  return `<special_person_tag_${index}>`;
}

/** A person's prefix as stored: its text ("" for none and random) and what the prompt builder needs. */
export interface PrefixValue {
  /** The condition. */
  readonly kind: PrefixKind;
  /** The prefix text: the tag, the few-shot block, the persona, or the name; "" for none and random. */
  readonly text: string;
}

/** The prompt x with a prefix, as G.7–G.10 write it (none and random: x alone). */
export function prefixedPrompt(prefix: PrefixValue, x: string): string {
  switch (prefix.kind) {
    case 'none':
    case 'random':
      return x;
    case 'tag':
      return `${prefix.text} ${x}`;
    case 'name':
      return `Respond to the following prompt from ${prefix.text}. ${CATER} ${prefix.text}'s background.\n\n${x}`;
    case 'few-shot':
      return `Respond to the following prompt from this person. ${CATER} their background.\n\n${prefix.text}\n\n## Prompt:\n${x}\n### Preferred Response:\n`;
    default:
      return `${prefix.text}\n\nRespond to the following prompt from this person. ${CATER} their background.\n\n${x}`;
  }
}

/** Whitespace-delimited words (the paper's Figure 11 and Table 2 "# words"). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
