/**
 * How an OpenAI-compatible server's failures become `LlmError`s: an unreachable host named, an
 * HTTP status with the server's own message, and a hint for what to do next.
 */
import { LlmError, type LlmErrorKind } from './errors';

/** The host (and port) of a URL, or the text itself when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** The message of a thrown value, following one level of `cause` (Node's "fetch failed" hides the reason there). */
export function describeCause(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return `${e.message}: ${typeof code === 'string' ? `${code} ` : ''}${cause.message}`.trim();
  }
  return e.message;
}

/** The failure of a request that never got an answer: connection refused, DNS, CORS, TLS. */
export function networkError(url: string, e: unknown, partialText?: string): LlmError {
  const host = hostOf(url);
  return new LlmError('network', `Could not reach ${host} (${url}): ${describeCause(e)}.`, {
    hint:
      `Check that the server at ${host} is running and that the base URL is right. From a browser, the server must ` +
      'also allow this page in its CORS settings (Ollama: OLLAMA_ORIGINS; llama.cpp: --cors-origins; vLLM: --allowed-origins; LM Studio: Enable CORS).',
    cause: e,
    ...(partialText ? { partialText } : {}),
  });
}

/** The server's own words from an error body: OpenAI's `{error: {message}}`, Ollama's `{error: "…"}`, `{message}` or plain text. */
export function serverMessage(body: string): string {
  const trimmed = body.trim();
  try {
    const json = JSON.parse(trimmed) as unknown;
    if (json && typeof json === 'object') {
      const rec = json as { error?: unknown; message?: unknown; detail?: unknown };
      const err = rec.error;
      if (typeof err === 'string') return err;
      if (err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string') {
        return (err as { message: string }).message;
      }
      if (typeof rec.message === 'string') return rec.message;
      if (typeof rec.detail === 'string') return rec.detail;
    }
  } catch {
    // not JSON: use the text
  }
  return trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed;
}

/** Words servers use when prompt + max_tokens do not fit the context window (vLLM, llama.cpp, Ollama, OpenAI, TGI). */
const CONTEXT_OVERFLOW =
  /context (length|window|size)|maximum context|context_length_exceeded|exceed_context_size|too many tokens|prompt is too long|input is too long|max_model_len|maximum model length|n_ctx|longer than the model|exceeds? the (model'?s? )?(maximum|max)/i;
/** Words servers use when the JSON schema or grammar cannot be compiled or followed. */
const GRAMMAR = /grammar|json[_ ]?schema|response_format|guided[_ ]decoding|xgrammar|outlines|structured output/i;
/** Words servers use when the model does not exist there. */
const NO_MODEL =
  /model[^.]{0,80}(not found|does not exist|not exist|is not (available|served|loaded))|no such model|unknown model|model_not_found|try pulling it/i;

/** The kind a server's refusal belongs to, from its status and its own words. */
function classifyStatus(status: number, said: string): LlmErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 408 || status === 429) return 'http';
  if (status === 404 || (status < 500 && NO_MODEL.test(said))) return 'not-found';
  if (CONTEXT_OVERFLOW.test(said)) return 'context-overflow';
  if (status < 500 ? GRAMMAR.test(said) : /grammar|json[_ ]?schema/i.test(said)) return 'grammar';
  if (status === 413) return 'context-overflow';
  if (status === 400 || status === 422) return 'invalid-request';
  return 'http';
}

/** The kind of an error a server reported in the middle of a reply ("http" unless its words say more). */
export function classifyMessage(said: string): LlmErrorKind {
  if (CONTEXT_OVERFLOW.test(said)) return 'context-overflow';
  if (/grammar|json[_ ]?schema/i.test(said)) return 'grammar';
  return 'http';
}

/** What to do about a failure of this kind and status. */
function statusHint(kind: LlmErrorKind, status: number, model: string): string {
  switch (kind) {
    case 'auth':
      return 'Check the API key (the command line takes --api-key or the OPENAI_API_KEY variable; the app, the Models page), or leave it empty for a local server that needs none.';
    case 'not-found':
      return `Check the base URL (it usually ends in /v1) and that the server has a model named "${model}"; its model list (GET /v1/models) shows what it serves.`;
    case 'context-overflow':
      return "The prompt and max_tokens do not fit the model's context window: lower max_tokens, shorten the persona or the prompt, or serve the model with a longer context.";
    case 'grammar':
      return 'The server could not use the JSON schema sent for structured output; try another server version or a backend without structured output.';
    case 'invalid-request':
      return 'The server refused the request as malformed; its message above says which field (seed, sampling values, message order). Sending it again will not help.';
    default:
      break;
  }
  if (status === 429) return 'The server is busy or rate-limited; the request is tried again after the wait it asks for.';
  if (status === 408 || status >= 500)
    return 'The server failed while answering; its log says why. The request is tried again a few times.';
  return 'See the server message above.';
}

/**
 * Reads a Retry-After header: delay-seconds ("120") or an HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT").
 * Returns milliseconds from `now` (0 for a date in the past); undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** An error status from the server, with its message, its kind (see `classifyStatus`) and any Retry-After it sent. */
export function httpError(
  url: string,
  status: number,
  statusText: string,
  body: string,
  model: string,
  retryAfter?: string | null,
): LlmError {
  const said = serverMessage(body);
  const label = `${status}${statusText ? ` ${statusText}` : ''}`;
  const kind = classifyStatus(status, said);
  const wait = parseRetryAfter(retryAfter);
  return new LlmError(kind, `${hostOf(url)} answered ${label}${said ? `: ${said}` : ''}`, {
    status,
    hint: statusHint(kind, status, model),
    ...(wait !== undefined ? { retryAfterMs: wait } : {}),
  });
}

/** The call was cancelled. */
export function abortedError(partialText?: string): LlmError {
  return new LlmError('aborted', 'Generation was stopped.', {
    hint: 'Start it again when you are ready.',
    ...(partialText ? { partialText } : {}),
  });
}

/** The server answered with something that cannot be read. */
export function badOutput(url: string, what: string, partialText?: string): LlmError {
  return new LlmError('bad-output', `${hostOf(url)} sent an answer that cannot be read: ${what}.`, {
    hint: 'Check that the base URL points to an OpenAI-compatible API (…/v1) and that the server is up to date.',
    ...(partialText ? { partialText } : {}),
  });
}

/** No reply (or no new piece of it) within the time allowed. */
export function timeoutError(url: string, ms: number, which: 'total' | 'idle', partialText?: string): LlmError {
  const s = ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
  const message =
    which === 'total'
      ? `${hostOf(url)} did not finish answering within ${s}.`
      : `${hostOf(url)} stopped sending the reply: nothing new for ${s}.`;
  return new LlmError('timeout', message, {
    hint: 'The server may be overloaded, still loading the model, or stuck; the request is tried again. Raise the request timeout if its answers are just slow.',
    ...(partialText ? { partialText } : {}),
  });
}

/** A reply larger than the cap. */
export function tooLargeError(url: string, limitBytes: number, partialText?: string): LlmError {
  return new LlmError(
    'too-large',
    `${hostOf(url)} sent a reply larger than ${Math.round(limitBytes / 2 ** 20)} MiB; it was cut off and not used.`,
    {
      hint: 'A model that repeats itself without end can do this: lower max_tokens, or check what the server sends for this request.',
      ...(partialText ? { partialText: partialText.slice(0, 2000) } : {}),
    },
  );
}
