/**
 * A scripted `LlmClient` for unit tests of code that takes any client (chat state, pipelines): the
 * outputs are a list used in turn (the last repeats) or a function of the request. It streams word
 * by word, honours `AbortSignal` (rejecting with kind "aborted" and the text so far) and can fail
 * with a given `LlmError`.
 */
import { LlmError } from '../../src/core/llm/errors';
import type { GenerateOptions, GenerateRequest, GenerateResult, LlmClient } from '../../src/core/llm/types';

/** An output: text, or an error to throw. */
export type ScriptedOutput = string | LlmError;

/** Options of the scripted client. */
export interface ScriptedClientOptions {
  /** The model name it reports; default "scripted". */
  readonly model?: string;
  /** Milliseconds between streamed words; default 0. */
  readonly tokenDelayMs?: number;
  /** Whether it claims to honour JSON schemas; default false. */
  readonly supportsJsonSchema?: boolean;
}

export class ScriptedClient implements LlmClient {
  readonly backend = 'scripted';
  readonly model: string;
  readonly supportsJsonSchema: boolean;
  /** Every request received, in order. */
  readonly requests: GenerateRequest[] = [];
  readonly #outputs: readonly ScriptedOutput[] | ((request: GenerateRequest, index: number) => ScriptedOutput);
  readonly #delay: number;

  constructor(
    outputs: readonly ScriptedOutput[] | ((request: GenerateRequest, index: number) => ScriptedOutput),
    options: ScriptedClientOptions = {},
  ) {
    this.#outputs = outputs;
    this.model = options.model ?? 'scripted';
    this.supportsJsonSchema = options.supportsJsonSchema ?? false;
    this.#delay = options.tokenDelayMs ?? 0;
  }

  async generate(request: GenerateRequest, options: GenerateOptions = {}): Promise<GenerateResult> {
    const index = this.requests.length;
    this.requests.push(request);
    const out =
      typeof this.#outputs === 'function' ? this.#outputs(request, index) : this.#outputs[Math.min(index, this.#outputs.length - 1)];
    if (out === undefined) throw new Error('ScriptedClient has no outputs');
    if (out instanceof LlmError) throw out;
    const words = out.match(/\s*\S+\s*/g) ?? [];
    const limit = request.max_tokens ?? Infinity;
    let text = '';
    for (const [i, w] of words.entries()) {
      if (options.signal?.aborted) throw new LlmError('aborted', 'Generation was stopped.', { partialText: text });
      if (i >= limit) return { text, finishReason: 'length', model: this.model, usage: { promptTokens: 10, completionTokens: i } };
      if (this.#delay) await new Promise((r) => setTimeout(r, this.#delay));
      if (options.signal?.aborted) throw new LlmError('aborted', 'Generation was stopped.', { partialText: text });
      text += w;
      options.onDelta?.(w);
    }
    return {
      text,
      finishReason: 'stop',
      model: this.model,
      usage: { promptTokens: 10, completionTokens: words.length, decodeTokensPerSecond: 40 },
    };
  }
}
