/**
 * How an OpenAI-compatible server's failures become `LlmError`s: an unreachable host named, an
 * HTTP status with the server's own message, and a hint for what to do next.
 */
import { LlmError } from './errors';

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
      'also allow this page in its CORS settings (Ollama: OLLAMA_ORIGINS; vLLM: --allowed-origins; llama.cpp allows any origin by default).',
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

/** What to do about an HTTP status. */
function statusHint(status: number, model: string): string {
  if (status === 401 || status === 403) return 'Check the API key, or leave it empty for a local server that needs none.';
  if (status === 404) {
    return `Check the base URL (it usually ends in /v1) and that the server has a model named "${model}"; the model list shows what it serves.`;
  }
  if (status === 400 || status === 422)
    return 'The server refused the request; its message above says which field. Try without the JSON schema or with other sampling settings.';
  if (status === 413) return 'The conversation is too long for the server; start a new one or shorten the persona.';
  if (status === 429) return 'The server is busy or rate-limited; wait a moment and try again.';
  if (status >= 500) return 'The server failed while answering; its log says why. Try again, or restart it.';
  return 'See the server message above.';
}

/** An error status from the server, with its message. */
export function httpError(url: string, status: number, statusText: string, body: string, model: string): LlmError {
  const said = serverMessage(body);
  const label = `${status}${statusText ? ` ${statusText}` : ''}`;
  return new LlmError('http', `${hostOf(url)} answered ${label}${said ? `: ${said}` : ''}`, {
    status,
    hint: statusHint(status, model),
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
