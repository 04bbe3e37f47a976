/**
 * Fitting a conversation into a model's context window: web-llm refuses a prompt longer than the
 * window (ContextWindowSizeExceededError) and cuts a reply off when the KV cache fills, so before each
 * reply the oldest turns are left out until the persona's system prompt, the turns kept and the reply's
 * `max_tokens` fit. Token counts are estimated here, from above, without a tokenizer (none runs on the
 * page's main thread): the estimate errs towards dropping a turn too many rather than overflowing.
 */

/** Tokens a chat template adds around each message (role markers, separators; Llama 3 uses 5, Qwen 5). */
export const TOKENS_PER_MESSAGE = 8;
/** Tokens a chat template adds once (begin-of-text, the reply header, Llama 3.1's date lines in the system prompt). */
export const TOKENS_PER_PROMPT = 40;

/**
 * Tokens a text takes, estimated from above: one per three ASCII characters (English averages about
 * four per token with Llama's and Qwen's tokenizers), one per other character (accented letters and
 * CJK take one or more), three per character outside the Basic Multilingual Plane (emoji).
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 128) ascii++;
    else other += cp > 0xffff ? 3 : 1;
  }
  return Math.ceil(ascii / 3) + other;
}

/** What fitting the history gave. */
export interface FittedHistory<T> {
  /** The turns to send, oldest first: the latest ones, starting with a user turn. */
  readonly turns: readonly T[];
  /** How many of the earliest turns were left out. */
  readonly dropped: number;
  /** The estimated prompt size in tokens (system prompt and turns kept). */
  readonly promptTokens: number;
  /** False when even the system prompt and the last turn leave less than `maxTokens` for the reply. */
  readonly fits: boolean;
}

/**
 * The latest turns that fit with the system prompt and `maxTokens` of reply into `contextWindow`
 * tokens (the last turn is always kept; the kept turns start with a user turn). Without
 * `maxTokens`, a quarter of the window (at most 512 tokens) is kept for the reply.
 */
export function fitHistory<T extends { readonly role: string; readonly content: string }>(
  systemPrompt: string,
  turns: readonly T[],
  contextWindow: number,
  maxTokens?: number,
): FittedHistory<T> {
  const reply = maxTokens ?? Math.min(512, Math.floor(contextWindow / 4));
  const budget = contextWindow - reply;
  const cost = (text: string) => estimateTokens(text) + TOKENS_PER_MESSAGE;
  let used = TOKENS_PER_PROMPT + cost(systemPrompt);
  let first = turns.length;
  while (first > 0) {
    const next = used + cost(turns[first - 1]!.content);
    if (first < turns.length && next > budget) break;
    used = next;
    first--;
  }
  while (first < turns.length - 1 && turns[first]!.role !== 'user') used -= cost(turns[first++]!.content);
  return { turns: turns.slice(first), dropped: first, promptTokens: used, fits: used <= budget };
}
