/**
 * An `LlmClient` for any OpenAI-compatible server (vLLM, Ollama, llama.cpp's server, LM Studio):
 * POST {baseUrl}/chat/completions, streamed over server-sent events or not, with every sampling
 * option, JSON-schema output and usage. Only `fetch` is used, so it runs in the page, in workers
 * and in Node 20.
 */
import { LlmError } from './errors';
import { DEFAULT_MAX_REPLY_BYTES, guardedBody, readAllText, readSomeText, RequestWatchdog } from './http-body';
import { unreachableError } from './cors';
import { abortedError, badOutput, httpError, timeoutError, tooLargeError } from './http-errors';
import { readChatStream, parseCompletion, type ReplyParts, toUsage } from './openai-wire';
import { embedTexts, scoreText, type ServerEndpoint } from './openai-score';
import {
  clientIdentity,
  type GenerateOptions,
  type GenerateRequest,
  type GenerateResult,
  type LlmClient,
  type ScoreRequest,
  type ScoreResult,
} from './types';

/** How to reach the server. */
export interface OpenAiHttpOptions {
  /** The API root, such as "http://localhost:11434/v1"; a URL with no path gets "/v1" added. Credentials and queries in it are dropped. */
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
  /** Total time a request may take, from sending to the last byte, ms; default: no limit. Fails with kind "timeout". */
  readonly timeoutMs?: number;
  /** Longest silence once the reply has started (after the headers, between pieces), ms; default: no limit. Kind "timeout". */
  readonly idleTimeoutMs?: number;
  /** Largest reply body accepted, bytes; default 8 MiB. A larger one fails with kind "too-large". */
  readonly maxReplyBytes?: number;
  /** Another `fetch` (tests, proxies); default the global one. */
  readonly fetch?: typeof fetch;
}

/** Default total request timeout for a server, seconds (the CLI's --request-timeout, the app's setting): room for long answers. */
export const DEFAULT_REQUEST_TIMEOUT_S = 600;

/** Longest silence once a reply has started, by default, seconds (or the request timeout, if shorter). */
const IDLE_TIMEOUT_S = 120;

/** The client's timeouts for a request timeout of `seconds`: the total, and silence once a reply started at most `IDLE_TIMEOUT_S`. */
export function timeoutsFor(seconds: number): { timeoutMs: number; idleTimeoutMs: number } {
  return { timeoutMs: Math.round(seconds * 1000), idleTimeoutMs: Math.round(Math.min(seconds, IDLE_TIMEOUT_S) * 1000) };
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

/**
 * A base URL as it may be shown, stored and exported: `normalizeBaseUrl` when it parses (no
 * `user:password@`, no query such as `?token=` or `?api_key=`, no fragment), else the text with
 * anything that looks like a credential cut out.
 */
export function publicBaseUrl(baseUrl: string): string {
  try {
    return normalizeBaseUrl(baseUrl);
  } catch {
    return baseUrl
      .trim()
      .replace(/\/\/[^/@\s]*@/, '//')
      .replace(/[?#].*$/, '');
  }
}

/** The base URL as typed, without `user:password@`, query and fragment (where tokens and keys hide); otherwise unchanged. */
export function withoutSecrets(baseUrl: string): string {
  return baseUrl.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1').replace(/[?#].*$/, '');
}

/** What a base URL carries that is never sent nor stored: "user:password@", query parameters by name. Empty when nothing. */
export function secretsIn(baseUrl: string): string[] {
  const found: string[] = [];
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(baseUrl.trim());
  if (m) found.push(m[1]?.includes(':') ? 'user:password@' : 'user@');
  const query = /\?([^#]*)/.exec(baseUrl)?.[1];
  if (query) for (const part of query.split('&')) if (part) found.push(`?${part.split('=')[0]}=`);
  return found;
}

/** The OpenAI-compatible HTTP backend. */
export class OpenAiHttpClient implements LlmClient {
  readonly backend = 'openai-http';
  readonly supportsJsonSchema = true;
  /** The model id requests go to. */
  readonly model: string;
  /** The normalised API root. */
  readonly baseUrl: string;
  /** "openai-http:<model>@<API root>" (no credentials). */
  readonly identity: string;
  readonly #options: OpenAiHttpOptions;

  constructor(options: OpenAiHttpOptions) {
    this.#options = options;
    this.model = options.model;
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.identity = clientIdentity(this.backend, this.model, this.baseUrl);
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
    const o = this.#options;
    const mode = o.stream ?? 'auto';
    const stream = mode === 'always' || (mode === 'auto' && options.onDelta !== undefined);
    const url = `${this.baseUrl}/chat/completions`;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: stream ? 'text/event-stream' : 'application/json',
    };
    if (o.apiKey) headers.authorization = `Bearer ${o.apiKey}`;
    const watchdog = new RequestWatchdog(options.signal, o.timeoutMs, o.idleTimeoutMs);
    const maxBytes = o.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES;
    const started = performance.now();
    let partial = '';
    try {
      options.signal?.throwIfAborted();
      const response = await (o.fetch ?? fetch)(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(this.body(request, stream)),
        ...(watchdog.signal ? { signal: watchdog.signal } : {}),
      });
      watchdog.touch();
      if (!response.ok) {
        const text = await readSomeText(response.body);
        if (watchdog.fired) throw new Error('timed out reading the error');
        throw httpError(url, response.status, response.statusText, text, this.model, response.headers.get('retry-after'));
      }
      if (!response.body) throw badOutput(url, 'the answer has no body');
      const body = guardedBody(response.body, {
        maxBytes,
        onChunk: () => watchdog.touch(),
        tooLarge: () => tooLargeError(url, maxBytes, partial),
      });
      const contentType = response.headers.get('content-type') ?? '';
      let parts: ReplyParts;
      if (stream && contentType.includes('text/event-stream')) {
        parts = await readChatStream(
          body,
          url,
          (d) => {
            partial += d;
            options.onDelta?.(d);
          },
          started,
        );
      } else {
        parts = parseCompletion(await readAllText(body), url);
        if (parts.text) options.onDelta?.(parts.text);
      }
      const usage = toUsage(parts.usage);
      return { text: parts.text, finishReason: parts.finish, model: parts.model ?? this.model, ...(usage ? { usage } : {}) };
    } catch (e) {
      if (options.signal?.aborted) throw abortedError(partial);
      if (watchdog.fired) throw timeoutError(url, watchdog.limitMs(o.timeoutMs, o.idleTimeoutMs), watchdog.fired, partial);
      if (e instanceof LlmError) throw partial && !e.partialText ? withPartial(e, partial) : e;
      throw await unreachableError(url, e, o.fetch ?? fetch, partial);
    } finally {
      watchdog.dispose();
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
    throw await unreachableError(url, e, options.fetch ?? fetch);
  }
  const body = await readSomeText(response.body, DEFAULT_MAX_REPLY_BYTES);
  if (!response.ok) throw httpError(url, response.status, response.statusText, body, '(any)', response.headers.get('retry-after'));
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

function withPartial(e: LlmError, partialText: string): LlmError {
  return new LlmError(e.kind, e.message, {
    hint: e.hint,
    partialText,
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
    cause: e,
  });
}
