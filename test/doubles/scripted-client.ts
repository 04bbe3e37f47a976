/**
 * The scripted `LlmClient` of unit tests and benchmarks (after inspect_ai's mockllm): it answers
 * from a list of outputs in turn (the last repeats) or from a function of the request and call
 * number. An answer is a string, a full `GenerateResult` (returned as it is), or an Error to throw.
 *
 * It is at least as strict as a real backend: it refuses what web-llm and OpenAI-compatible servers
 * refuse (no messages, a system message that is not first or not alone, a last message not from the
 * user, a seed that is not an integer, temperature outside [0, 2], top_p outside (0, 1], max_tokens
 * that is not a positive integer) with `invalid-request`, and prompt + max_tokens beyond
 * `contextWindow` with `context-overflow`. One token is one word: a string answer longer than
 * `max_tokens` is cut there with finish reason "length", as real backends cut. `thinks` makes it a
 * thinking model that writes `<think>…</think>` first (counted against max_tokens) unless the
 * request says `thinking: false`. It streams word by word through `onDelta` (with `tokenDelayMs`
 * between words) and honours `AbortSignal` (kind "aborted", with the text so far). `dpfResponder`
 * answers every pipeline template in its format.
 */
import { LlmError } from '../../src/core/llm/errors';
import { clientIdentity, type GenerateOptions, type GenerateRequest, type GenerateResult, type LlmClient } from '../../src/core/llm/types';

/** One scripted answer. */
type ScriptedAnswer = string | GenerateResult | Error;

/** A list of answers (used in turn, the last repeated) or a function of the request and call number. */
export type Script = readonly ScriptedAnswer[] | ((request: GenerateRequest, n: number) => ScriptedAnswer | Promise<ScriptedAnswer>);

/** Options of the scripted client. */
export interface ScriptedClientOptions {
  /** Backend name; default "scripted". */
  readonly backend?: string;
  /** The model name it reports; default "scripted-model". */
  readonly model?: string;
  /** A server address, part of its identity. */
  readonly baseUrl?: string;
  /** Whether it claims to honour JSON schemas; default false (a schema is then ignored, as such servers do). */
  readonly supportsJsonSchema?: boolean;
  /** Milliseconds between streamed words; default 0. */
  readonly tokenDelayMs?: number;
  /** Context window in tokens (words): prompt + max_tokens beyond it is refused; default unlimited. */
  readonly contextWindow?: number;
  /** What a thinking model thinks before each answer (unless the request says `thinking: false`). */
  readonly thinks?: string;
}

const words = (text: string) => text.match(/\s*\S+\s*/g) ?? [];
const count = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Throws what a real backend throws for this request; returns its prompt tokens. */
function validateRequest(r: GenerateRequest, contextWindow = Infinity): number {
  const bad = (m: string) => new LlmError('invalid-request', `The request was refused: ${m}.`, { hint: 'This is a bug in the caller.' });
  if (r.messages.length === 0) throw bad('no messages');
  r.messages.forEach((m, i) => {
    if (m.role === 'system' && i > 0) throw bad('a system message must be the first and only one');
  });
  if (r.messages.at(-1)?.role !== 'user') throw bad('the last message must come from the user');
  if (r.seed !== undefined && !Number.isInteger(r.seed)) throw bad(`seed must be an integer, got ${r.seed}`);
  if (r.temperature !== undefined && !(r.temperature >= 0 && r.temperature <= 2))
    throw bad(`temperature ${r.temperature} is outside [0, 2]`);
  if (r.top_p !== undefined && !(r.top_p > 0 && r.top_p <= 1)) throw bad(`top_p ${r.top_p} is outside (0, 1]`);
  if (r.max_tokens !== undefined && !(Number.isInteger(r.max_tokens) && r.max_tokens > 0))
    throw bad(`max_tokens must be a positive integer, got ${r.max_tokens}`);
  const prompt = promptTokens(r);
  if (prompt + (r.max_tokens ?? 0) > contextWindow)
    throw new LlmError(
      'context-overflow',
      `The prompt (${prompt} tokens) and max_tokens (${r.max_tokens ?? 0}) exceed the context window of ${contextWindow}.`,
      {
        hint: 'Shorten the prompt or lower max_tokens.',
      },
    );
  return prompt;
}

/** Prompt tokens of a request (one per word). */
function promptTokens(r: GenerateRequest): number {
  return r.messages.reduce((n, m) => n + count(m.content), 0);
}

/** A scripted client. */
export class ScriptedClient implements LlmClient {
  readonly backend: string;
  readonly model: string;
  readonly identity: string;
  readonly supportsJsonSchema: boolean;
  /** Every request received, in order (refused ones included). */
  readonly requests: GenerateRequest[] = [];
  readonly #script: Script;
  readonly #options: ScriptedClientOptions;

  constructor(script: Script, options: ScriptedClientOptions = {}) {
    this.#script = script;
    this.#options = options;
    this.backend = options.backend ?? 'scripted';
    this.model = options.model ?? 'scripted-model';
    this.identity = clientIdentity(this.backend, this.model, options.baseUrl);
    this.supportsJsonSchema = options.supportsJsonSchema ?? false;
  }

  async generate(request: GenerateRequest, options: GenerateOptions = {}): Promise<GenerateResult> {
    const aborted = (partialText: string) => new LlmError('aborted', 'Generation was stopped.', { partialText });
    if (options.signal?.aborted) throw aborted('');
    const n = this.requests.length;
    this.requests.push(request);
    const prompt = validateRequest(request, this.#options.contextWindow);
    const s = this.#script;
    const answer = typeof s === 'function' ? await s(request, n) : s[Math.min(n, s.length - 1)];
    if (answer === undefined) throw new Error('ScriptedClient has no answers');
    if (answer instanceof Error) throw answer;
    if (typeof answer !== 'string') return answer;
    const think = this.#options.thinks !== undefined && request.thinking !== false ? `<think>\n${this.#options.thinks}\n</think>\n\n` : '';
    const all = words(think + answer);
    const limit = request.max_tokens ?? Infinity;
    const cut = all.length > limit;
    const delay = this.#options.tokenDelayMs ?? 0;
    let text = cut ? all.slice(0, limit).join('') : think + answer;
    if (delay || options.onDelta) {
      // streamed word by word, as a real backend streams
      text = '';
      for (const w of all.slice(0, limit)) {
        if (delay) await new Promise((r) => setTimeout(r, delay));
        if (options.signal?.aborted) throw aborted(text);
        text += w;
        options.onDelta?.(w);
      }
      if (!cut) text = think + answer;
    }
    if (options.signal?.aborted) throw aborted(text);
    return {
      text,
      finishReason: cut ? 'length' : 'stop',
      model: this.model,
      usage: { promptTokens: prompt, completionTokens: Math.min(all.length, limit), decodeTokensPerSecond: 40 },
    };
  }
}

/** Which pipeline template a request comes from. */
export function templateOf(r: Pick<GenerateRequest, 'messages'>): 'critique' | 'revise' | 'judge' | 'controversy' | 'topic' | 'base' {
  const user = r.messages.at(-1)?.content ?? '';
  if (user.startsWith('Examine the COMPLETION')) return 'critique';
  if (user.startsWith('Revise the COMPLETION')) return 'revise';
  if (r.messages[0]?.role === 'system' && /role-playing/.test(r.messages[0].content)) return 'judge';
  if (user.includes('"controversial"')) return 'controversy';
  if (user.includes('"topic"')) return 'topic';
  return 'base';
}

/** The label of the answer that starts "A short, tailored" (the revision `dpfResponder` writes) in a judge request. */
export function revisionLabel(r: Pick<GenerateRequest, 'messages'>): 'A' | 'B' {
  const user = r.messages.at(-1)?.content ?? '';
  const a = /ANSWER A:\n([\s\S]*?)\n\nANSWER B:/.exec(user)?.[1] ?? '';
  return a.startsWith('A short, tailored') ? 'A' : 'B';
}

/** Answers every template well: a base answer naming the question, a critique, a revision, and a judge preferring the revision. */
export function dpfResponder(r: Pick<GenerateRequest, 'messages'>): string {
  const user = r.messages.at(-1)?.content ?? '';
  switch (templateOf(r)) {
    case 'critique':
      return `EVALUATION: The completion is generic for "${/DEMOGRAPHIC: '([^\n']*)/.exec(user)?.[1] ?? ''}". SUGGESTIONS: Make it shorter.\nDONE`;
    case 'revise':
      return `REVISED PREFERENCE: A short, tailored answer (${user.length % 97}).\nDONE`;
    case 'judge':
      return JSON.stringify({ preferred: revisionLabel(r), reason: 'It fits me.' });
    case 'controversy':
      return JSON.stringify({ controversial: !/bake|recipe|weather/i.test(user) });
    case 'topic':
      return JSON.stringify({ topic: 'politics' });
    default:
      return `A balanced general answer to: ${user.slice(0, 60)}`;
  }
}
