/**
 * The one narrow interface every language-model backend implements: the WebLLM worker client in
 * the page and the OpenAI-compatible HTTP client in the page and in Node. Pipelines, judges and the
 * chat only ever see an `LlmClient`.
 */

/** One chat message. */
export interface ChatMessage {
  /** Who speaks. */
  readonly role: 'system' | 'user' | 'assistant';
  /** The text. */
  readonly content: string;
}

/** Sampling parameters; every one is optional and the backend's default applies when absent. */
export interface SamplingOptions {
  /** Softmax temperature; 0 means greedy where the backend allows it. */
  readonly temperature?: number;
  /** Nucleus sampling mass in (0, 1]. */
  readonly top_p?: number;
  /** Upper bound on generated tokens. */
  readonly max_tokens?: number;
  /** Sampler seed, for backends that honour one (web-llm and vLLM do; some servers ignore it). */
  readonly seed?: number;
  /** Strings that end generation; not included in the output. */
  readonly stop?: readonly string[];
}

/** A generation request. */
export interface GenerateRequest extends SamplingOptions {
  /** The conversation so far, oldest first. */
  readonly messages: readonly ChatMessage[];
  /**
   * A JSON Schema the output must satisfy, as a plain object. Clients translate it to their
   * backend's form (web-llm wants it as a string in `response_format.schema`); a client whose
   * backend cannot constrain output ignores it, and callers must still validate what comes back.
   */
  readonly jsonSchema?: Readonly<Record<string, unknown>>;
  /**
   * `false` asks a thinking model (Qwen3, DeepSeek-R1…) not to think before answering: web-llm gets
   * `extra_body.enable_thinking: false`, an OpenAI-compatible server may get
   * `chat_template_kwargs: {enable_thinking: false}`. Absent: the model's default. Backends that
   * cannot turn thinking off ignore it; every pipeline call strips thinking from the output anyway.
   */
  readonly thinking?: false;
}

/** Per-call options that are not part of the request's identity. */
export interface GenerateOptions {
  /** Receives each new piece of text as it is produced. */
  readonly onDelta?: (delta: string) => void;
  /** Aborting rejects the call with an `LlmError` of kind "aborted" (text so far is on the error). */
  readonly signal?: AbortSignal;
}

/** Token counts and speeds for one call. */
export interface Usage {
  /** Tokens in the prompt (after the chat template). */
  readonly promptTokens: number;
  /** Tokens generated. */
  readonly completionTokens: number;
  /** Prompt processing speed, tokens per second; undefined when the backend does not report it. */
  readonly prefillTokensPerSecond?: number;
  /** Generation speed, tokens per second; undefined when the backend does not report it. */
  readonly decodeTokensPerSecond?: number;
}

/** Why generation ended. */
export type FinishReason = 'stop' | 'length' | 'abort' | 'other';

/** The outcome of one call. */
export interface GenerateResult {
  /** The whole generated text. */
  readonly text: string;
  /** Why generation ended ("length" when `max_tokens` cut it). */
  readonly finishReason: FinishReason;
  /** Token counts; undefined when the backend reports none. */
  readonly usage?: Usage;
  /** The model that answered, as the backend names it. */
  readonly model: string;
}

/** A text to score: the log-probabilities of `continuation` given `prompt` (the model's raw text, no chat template added). */
export interface ScoreRequest {
  /** The conditioning text, already formatted as the model expects. */
  readonly prompt: string;
  /** The text whose tokens are scored. */
  readonly continuation: string;
}

/** The log-probabilities of a continuation. */
export interface ScoreResult {
  /** Tokens of the continuation that were scored. */
  readonly tokens: number;
  /** Their summed natural-log probability. */
  readonly sumLogprob: number;
  /** sumLogprob / tokens. */
  readonly meanLogprob: number;
}

/** A language-model backend. Implementations must be safe to call concurrently (they may queue). */
export interface LlmClient {
  /** Backend family, for cache keys and manifests: "webllm", "openai-http", or a test engine's name. */
  readonly backend: string;
  /** The model id requests go to. */
  readonly model: string;
  /**
   * Which server and model answer, for cache keys: `clientIdentity(backend, model, baseUrl)`, e.g.
   * "webllm:Llama-3.2-1B-Instruct-q4f32_1-MLC" or "openai-http:llama3.2:1b@http://localhost:11434/v1"
   * (never credentials). Two clients with the same identity give the same answers to the same request.
   */
  readonly identity: string;
  /** Whether `jsonSchema` constrains the output (otherwise it is a hint at best). */
  readonly supportsJsonSchema: boolean;
  /** Generates one reply. Rejects with an `LlmError`. */
  generate(request: GenerateRequest, options?: GenerateOptions): Promise<GenerateResult>;
  /** Scores a given text (OpenAI-compatible `/completions` with `echo` and `logprobs`); absent where the backend cannot. */
  score?(request: ScoreRequest, options?: { readonly signal?: AbortSignal }): Promise<ScoreResult>;
  /** Sentence embeddings (`/embeddings`), one vector per text, with `model` or the backend's default; absent where the backend has none. */
  embed?(texts: readonly string[], options?: { readonly model?: string; readonly signal?: AbortSignal }): Promise<number[][]>;
}

/**
 * A client's identity (see `LlmClient.identity`): "backend:model", and "@baseUrl" for a server.
 * The URL's user name, password, query and fragment are dropped, so no credential reaches a cache key.
 */
export function clientIdentity(backend: string, model: string, baseUrl?: string): string {
  if (!baseUrl) return `${backend}:${model}`;
  let where: string;
  try {
    const u = new URL(baseUrl);
    where = `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    where = baseUrl.replace(/\/\/[^/@]*@/, '//').replace(/[?#].*$/, '');
  }
  return `${backend}:${model}@${where}`;
}
