/**
 * A scripted `LlmClient` for tests (like inspect_ai's mockllm): answers from a list of outputs in
 * turn, or from a function of the request. Records every request it receives.
 */
import type { GenerateOptions, GenerateRequest, GenerateResult, LlmClient } from '../../src/core/llm/types';
import { LlmError } from '../../src/core/llm/errors';

/** What the scripted engine answers. */
export type Script = readonly string[] | ((request: GenerateRequest, call: number) => string);

/** A test double that replays a script. */
export class ScriptedLlm implements LlmClient {
  readonly backend = 'scripted';
  readonly supportsJsonSchema = false;
  readonly requests: GenerateRequest[] = [];
  readonly model: string;
  readonly #script: Script;

  constructor(script: Script, model = 'scripted-model') {
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
