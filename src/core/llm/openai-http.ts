/**
 * An `LlmClient` for any OpenAI-compatible server (vLLM, Ollama, llama.cpp's server, LM Studio):
 * POST {baseUrl}/chat/completions, streamed over server-sent events or not, with every sampling
 * option, JSON-schema output and usage. Only `fetch` is used, so it runs in the page, in workers
 * and in Node 20.
 */
import { LlmError } from './errors';
import { abortedError, badOutput, httpError, networkError } from './http-errors';
import { readChatStream, parseCompletion, type UsageParts, toUsage } from './openai-wire';
import { embedTexts, scoreText, type ServerEndpoint } from './openai-score';
import type { GenerateOptions, GenerateRequest, GenerateResult, LlmClient, ScoreRequest, ScoreResult } from './types';

/** How to reach the server. */
export interface OpenAiHttpOptions {
  /** The API root, such as "http://localhost:11434/v1"; a URL with no path gets "/v1" added. */
  readonly baseUrl: string;
  /** The model name requests go to, as the server lists it. */
  readonly model: string;
  /** Sent as `Authorization: Bearer …` when given; local servers usually need none. */
  readonly apiKey?: string;
  /** Streaming: "auto" (default) streams when the call passes `onDelta`; "always"; "never". */
  readonly stream?: 'auto' | 'always' | 'never';
  /** `response_format.json_schema.name`; default "output". */
  readonly schemaName?: string;
  /** `response_format.json_schema.strict`; default true. */
  readonly strictSchema?: boolean;
  /** Give up when no answer has finished after this many milliseconds; default: wait for ever. */
  readonly timeoutMs?: number;
  /** Another `fetch` (tests, proxies); default the global one. */
  readonly fetch?: typeof fetch;
}

/** The API root with "/v1" added to a bare origin and no trailing slash. Throws a `LlmError` for a malformed URL. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new LlmError('network', `"${baseUrl}" is not a URL.`, { hint: 'Enter the server address, such as http://localhost:11434/v1.' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LlmError('network', `"${baseUrl}" is not an http(s) URL.`, {
      hint: 'Enter the server address, such as http://localhost:11434/v1.',
    });
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path === '' ? '/v1' : path}`;
}

/** The OpenAI-compatible HTTP backend. */
export class OpenAiHttpClient implements LlmClient {
  readonly backend = 'openai-http';
  readonly supportsJsonSchema = true;
  /** The model id requests go to. */
  readonly model: string;
  /** The normalised API root. */
  readonly baseUrl: string;
  readonly #options: OpenAiHttpOptions;

  constructor(options: OpenAiHttpOptions) {
    this.#options = options;
    this.model = options.model;
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
  }

  /** Log-probabilities of a given text (`/completions` with echo and logprobs; see openai-score.ts). */
  score(request: ScoreRequest, options: { readonly signal?: AbortSignal } = {}): Promise<ScoreResult> {
    return scoreText(this.#endpoint(), request, options.signal);
  }

  /** Sentence embeddings (`/embeddings`) with `model` (default this client's model). */
  embed(texts: readonly string[], options: { readonly model?: string; readonly signal?: AbortSignal } = {}): Promise<number[][]> {
    return embedTexts(this.#endpoint(), texts, options.model, options.signal);
  }

  #endpoint(): ServerEndpoint {
    const o = this.#options;
    return { baseUrl: this.baseUrl, model: this.model, ...(o.apiKey ? { apiKey: o.apiKey } : {}), ...(o.fetch ? { fetch: o.fetch } : {}) };
  }

  /** The JSON body sent for a request (exposed for tests and batch files). */
  body(request: GenerateRequest, stream: boolean): Record<string, unknown> {
    const body: Record<string, unknown> = {
      model: this.model,
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    };
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.top_p !== undefined) body.top_p = request.top_p;
    if (request.max_tokens !== undefined) body.max_tokens = request.max_tokens;
    if (request.seed !== undefined) body.seed = request.seed;
    if (request.stop !== undefined && request.stop.length > 0) body.stop = [...request.stop];
    if (request.jsonSchema) {
      body.response_format = {
        type: 'json_schema',
        json_schema: { name: this.#options.schemaName ?? 'output', schema: request.jsonSchema, strict: this.#options.strictSchema ?? true },
      };
    }
    if (stream) {
      body.stream = true;
      body.stream_options = { include_usage: true };
    }
    return body;
  }

  /** Generates one reply; rejects with an `LlmError`. */
  async generate(request: GenerateRequest, options: GenerateOptions = {}): Promise<GenerateResult> {
    const mode = this.#options.stream ?? 'auto';
    const stream = mode === 'always' || (mode === 'auto' && options.onDelta !== undefined);
    const url = `${this.baseUrl}/chat/completions`;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: stream ? 'text/event-stream' : 'application/json',
    };
    if (this.#options.apiKey) headers.authorization = `Bearer ${this.#options.apiKey}`;
    const { signal, timedOut, dispose } = combineSignals(options.signal, this.#options.timeoutMs);
    const doFetch = this.#options.fetch ?? fetch;
    const started = performance.now();
    let partial = '';
    try {
      signal?.throwIfAborted();
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers,
          body: JSON.stringify(this.body(request, stream)),
          ...(signal ? { signal } : {}),
        });
      } catch (e) {
        if (options.signal?.aborted) throw abortedError();
        throw timedOut() ? timeoutError(url, this.#options.timeoutMs ?? 0) : networkError(url, e);
      }
      if (!response.ok) throw httpError(url, response.status, response.statusText, await safeText(response), this.model);
      const contentType = response.headers.get('content-type') ?? '';
      let parts: { text: string; finish: GenerateResult['finishReason']; usage: UsageParts; model?: string };
      if (stream && contentType.includes('text/event-stream')) {
        parts = await readChatStream(
          response,
          url,
          (d) => {
            partial += d;
            options.onDelta?.(d);
          },
          started,
        );
      } else {
        parts = parseCompletion(await response.text(), url);
        if (parts.text) options.onDelta?.(parts.text);
      }
      const usage = toUsage(parts.usage);
      return { text: parts.text, finishReason: parts.finish, model: parts.model ?? this.model, ...(usage ? { usage } : {}) };
    } catch (e) {
      if (options.signal?.aborted) throw abortedError(partial);
      if (timedOut()) throw timeoutError(url, this.#options.timeoutMs ?? 0, partial);
      if (e instanceof LlmError) throw partial && !e.partialText ? withPartial(e, partial) : e;
      throw networkError(url, e, partial);
    } finally {
      dispose();
    }
  }
}

/** One model a server offers. */
export interface ServerModel {
  /** The name to send as `model`. */
  readonly id: string;
  /** Who owns it, as the server says; undefined when it says nothing. */
  readonly ownedBy?: string;
}

/** Lists the models an OpenAI-compatible server offers (GET {baseUrl}/models). Rejects with an `LlmError`. */
export async function listModels(
  baseUrl: string,
  options: { apiKey?: string; signal?: AbortSignal; fetch?: typeof fetch } = {},
): Promise<ServerModel[]> {
  const url = `${normalizeBaseUrl(baseUrl)}/models`;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { headers, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (e) {
    if (options.signal?.aborted) throw abortedError();
    throw networkError(url, e);
  }
  const body = await safeText(response);
  if (!response.ok) throw httpError(url, response.status, response.statusText, body, '(any)');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw badOutput(url, `the model list is not JSON (starts "${body.slice(0, 60)}")`);
  }
  const data = (json as { data?: unknown }).data;
  if (!Array.isArray(data)) throw badOutput(url, 'the model list has no "data" array');
  return data.flatMap((m: unknown) => {
    const rec = m as { id?: unknown; owned_by?: unknown };
    if (typeof rec?.id !== 'string') return [];
    return [typeof rec.owned_by === 'string' ? { id: rec.id, ownedBy: rec.owned_by } : { id: rec.id }];
  });
}

async function safeText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    return '';
  }
}

function withPartial(e: LlmError, partialText: string): LlmError {
  return new LlmError(e.kind, e.message, { hint: e.hint, partialText, ...(e.status !== undefined ? { status: e.status } : {}), cause: e });
}

function timeoutError(url: string, ms: number, partialText?: string): LlmError {
  return new LlmError('network', `${new URL(url).host} did not finish answering within ${Math.round(ms / 1000)} s.`, {
    hint: 'The server may be overloaded or the model still loading; try again or raise the timeout.',
    ...(partialText ? { partialText } : {}),
  });
}

/** The caller's signal combined with an optional timeout. */
function combineSignals(outer: AbortSignal | undefined, timeoutMs: number | undefined) {
  if (!timeoutMs) return { signal: outer, timedOut: () => false, dispose: () => {} };
  const controller = new AbortController();
  let fired = false;
  const timer = setTimeout(() => {
    fired = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  outer?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => fired,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}
