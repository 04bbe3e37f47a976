/**
 * A server that answers without CORS headers looks, from a browser page, exactly like a server that
 * is down: fetch rejects with "Failed to fetch". This tells the two apart (a second, `no-cors`
 * request gets through only when the host answers) and names the setting that lets the page in on
 * each server people use.
 */
import { LlmError } from './errors';
import { describeCause, hostOf, networkError } from './http-errors';

/** The origin of the page (or worker) this code runs in; undefined in Node, where CORS does not apply. */
export function pageOrigin(): string | undefined {
  const o = (globalThis as { origin?: unknown }).origin;
  return typeof o === 'string' && /^https?:\/\//.test(o) ? o : undefined;
}

/** One server's setting that allows a page's origin. */
export interface CorsSetting {
  /** The server, as people call it. */
  readonly server: string;
  /** The exact command line or setting, with the origin filled in. */
  readonly setting: string;
  /** What to know besides (defaults, versions). */
  readonly note: string;
}

/** The setting each OpenAI-compatible server people run needs to let `origin` read its answers. */
export function corsSettings(origin: string): CorsSetting[] {
  return [
    {
      server: 'Ollama',
      setting: `OLLAMA_ORIGINS=${origin} ollama serve`,
      note: 'pages on localhost and 127.0.0.1 are allowed by default; set the variable where the service starts (systemd, launchctl) and restart it',
    },
    {
      server: 'llama.cpp',
      setting: `llama-server -m model.gguf --cors-origins ${origin}`,
      note: 'builds before the --cors-* options allowed any origin; with server tools on, only localhost is allowed unless --cors-origins says more',
    },
    {
      server: 'vLLM',
      setting: `vllm serve MODEL --allowed-origins '["${origin}"]'`,
      note: 'any origin is allowed by default; a proxy in front of it may drop the headers',
    },
    {
      server: 'LM Studio',
      setting: 'lms server start --cors',
      note: 'or Developer › Server Settings › Enable CORS',
    },
  ];
}

/** The failure of a request the server answered but the browser hid from `origin` for want of CORS headers. */
function corsError(url: string, origin: string, cause?: unknown): LlmError {
  const host = hostOf(url);
  const how = corsSettings(origin)
    .map((s) => `${s.server}: ${s.setting}`)
    .join('; ');
  return new LlmError(
    'cors',
    `${host} answered, but without CORS headers allowing this page (${origin}), so the browser kept its answer from the app: a CORS problem.`,
    { hint: `Allow ${origin} on the server and restart it. ${how}.`, ...(cause === undefined ? {} : { cause }) },
  );
}

/**
 * The error for a request to `url` that got no readable answer (fetch rejected with `e`). In a page,
 * a `no-cors` request to the same URL is sent: when it gets through, the host is up and the failure
 * is named a CORS problem; otherwise (or in Node, or for the page's own origin) it is the plain
 * network error.
 */
export async function unreachableError(url: string, e: unknown, fetchImpl: typeof fetch, partialText?: string): Promise<LlmError> {
  const origin = pageOrigin();
  let target: string | undefined;
  try {
    target = new URL(url).origin;
  } catch {
    target = undefined;
  }
  if (!origin || partialText || !target || target === origin) return networkError(url, e, partialText);
  try {
    await fetchImpl(url, { mode: 'no-cors', signal: AbortSignal.timeout(5000) });
  } catch {
    return networkError(url, e, partialText);
  }
  return corsError(url, origin, new Error(describeCause(e)));
}
