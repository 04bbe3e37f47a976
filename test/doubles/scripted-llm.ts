/**
 * A scripted `LlmClient` for tests and benchmarks (after inspect_ai's mockllm): it answers from a
 * list of outputs in turn, or from a function of the request. A scripted answer may be a string,
 * a full result, or an Error to throw. `dpfResponder` answers each pipeline template in its format.
 */
import { LlmError } from '../../src/core/llm/errors';
import type { GenerateOptions, GenerateRequest, GenerateResult, LlmClient } from '../../src/core/llm/types';

/** One scripted answer. */
export type ScriptedAnswer = string | GenerateResult | Error;

/** A list of answers (used in turn, the last repeated) or a function of the request and call number. */
export type Script = readonly ScriptedAnswer[] | ((request: GenerateRequest, n: number) => ScriptedAnswer | Promise<ScriptedAnswer>);

/** A scripted client. */
export class ScriptedClient implements LlmClient {
  readonly backend: string;
  readonly model: string;
  readonly supportsJsonSchema: boolean;
  /** Every request received, in order. */
  readonly requests: GenerateRequest[] = [];
  readonly #script: Script;

  constructor(script: Script, options: { backend?: string; model?: string; supportsJsonSchema?: boolean } = {}) {
    this.#script = script;
    this.backend = options.backend ?? 'scripted';
    this.model = options.model ?? 'scripted-model';
    this.supportsJsonSchema = options.supportsJsonSchema ?? false;
  }

  async generate(request: GenerateRequest, options: GenerateOptions = {}): Promise<GenerateResult> {
    if (options.signal?.aborted) throw new LlmError('aborted', 'aborted');
    const n = this.requests.length;
    this.requests.push(request);
    const s = this.#script;
    const answer = typeof s === 'function' ? await s(request, n) : (s[Math.min(n, s.length - 1)] as ScriptedAnswer);
    if (answer instanceof Error) throw answer;
    if (typeof answer !== 'string') return answer;
    const words = answer.split(/\s+/).filter(Boolean).length;
    return {
      text: answer,
      finishReason: 'stop',
      model: this.model,
      usage: { promptTokens: promptWords(request), completionTokens: words },
    };
  }
}

function promptWords(r: GenerateRequest): number {
  return r.messages.reduce((n, m) => n + m.content.split(/\s+/).filter(Boolean).length, 0);
}

/** Which pipeline template a request comes from. */
export function templateOf(r: GenerateRequest): 'critique' | 'revise' | 'judge' | 'controversy' | 'topic' | 'base' {
  const user = r.messages.at(-1)?.content ?? '';
  if (user.startsWith('Examine the COMPLETION')) return 'critique';
  if (user.startsWith('Revise the COMPLETION')) return 'revise';
  if (r.messages[0]?.role === 'system' && /role-playing/.test(r.messages[0].content)) return 'judge';
  if (user.includes('"controversial"')) return 'controversy';
  if (user.includes('"topic"')) return 'topic';
  return 'base';
}

/** Answers every template well: a base answer naming the question, a critique, a revision, and a judge preferring the revision. */
export function dpfResponder(r: GenerateRequest): string {
  const user = r.messages.at(-1)?.content ?? '';
  switch (templateOf(r)) {
    case 'critique':
      return `EVALUATION: The completion is generic for "${/DEMOGRAPHIC: '([^\n']*)/.exec(user)?.[1] ?? ''}". SUGGESTIONS: Make it shorter.\nDONE`;
    case 'revise':
      return `REVISED PREFERENCE: A short, tailored answer (${user.length % 97}).\nDONE`;
    case 'judge': {
      const a = /ANSWER A:\n([\s\S]*?)\n\nANSWER B:/.exec(user)?.[1] ?? '';
      return JSON.stringify({ preferred: a.startsWith('A short, tailored') ? 'A' : 'B', reason: 'It fits me.' });
    }
    case 'controversy':
      return JSON.stringify({ controversial: !/bake|recipe|weather/i.test(user) });
    case 'topic':
      return JSON.stringify({ topic: 'politics' });
    default:
      return `A balanced general answer to: ${user.slice(0, 60)}`;
  }
}

/**
 * The persona helper's scripted client (merged from branch personas): answers from a list in turn
 * (cycling) or from a function of the request; reports no usage.
 */
/** What the scripted engine answers. */
export type LlmScript = readonly string[] | ((request: GenerateRequest, call: number) => string);

/** A test double that replays a script. */
export class ScriptedLlm implements LlmClient {
  readonly backend = 'scripted';
  readonly supportsJsonSchema = false;
  readonly requests: GenerateRequest[] = [];
  readonly model: string;
  readonly #script: LlmScript;

  constructor(script: LlmScript, model = 'scripted-model') {
    this.#script = script;
    this.model = model;
  }

  async generate(request: GenerateRequest, options: GenerateOptions = {}): Promise<GenerateResult> {
    if (options.signal?.aborted) throw new LlmError('aborted', 'aborted');
    const call = this.requests.length;
    this.requests.push(request);
    const text = typeof this.#script === 'function' ? this.#script(request, call) : this.#script[call % this.#script.length]!;
    return { text, finishReason: 'stop', model: this.model };
  }
}
