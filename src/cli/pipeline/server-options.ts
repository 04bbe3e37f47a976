/**
 * How `run` talks to the server: the request timeout, transport retries and the API key (from
 * `--api-key` or the OPENAI_API_KEY variable; sent as a bearer token and written to no file).
 */
import { UsageError } from '../command';
import type { LlmError } from '../../core/llm/errors';
import { keyInTheClear } from '../../core/llm/api-key';
import { DEFAULT_REQUEST_TIMEOUT_S, OpenAiHttpClient, timeoutsFor } from '../../core/llm/openai-http';

/** Option declarations for `parseArgs` (spread into a command's own). */
export const SERVER_OPTIONS = {
  'request-timeout': { type: 'string' },
  retries: { type: 'string' },
  'api-key': { type: 'string' },
} as const;

/** Usage lines for the server options. */
export const SERVER_OPTIONS_HELP = `  --request-timeout <s>   give up on a request after s seconds and send it again (default 600); a reply
                          that goes silent for min(s, 120) seconds once started is given up too
  --retries <n>           extra tries of a request after a reset, timeout, 429 or 5xx (default 4),
                          with exponential backoff and jitter, or the wait the server's Retry-After asks
  --api-key <key>         sent as "Authorization: Bearer <key>" (default: the OPENAI_API_KEY variable);
                          written to no file. Prefer the variable: options show in the process list`;

/** What the options say. */
export interface ServerOptions {
  /** Total time a request may take, ms. */
  readonly requestTimeoutMs: number;
  /** Longest silence once a reply has started, ms. */
  readonly idleTimeoutMs: number;
  /** Transport retries per call. */
  readonly retries: number;
  /** The API key, when one was given. */
  readonly apiKey?: string;
}

/** Reads the server options from `parseArgs` values and the environment. */
export function serverOptions(values: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): ServerOptions {
  const t = values['request-timeout'];
  const seconds = t === undefined ? DEFAULT_REQUEST_TIMEOUT_S : Number(t);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(`--request-timeout must be a number of seconds > 0, got "${String(t)}".`);
  const r = values.retries;
  const retries = r === undefined ? 4 : Number(r);
  if (!Number.isInteger(retries) || retries < 0 || retries > 20)
    throw new UsageError(`--retries must be a whole number from 0 to 20, got "${String(r)}".`);
  const key = typeof values['api-key'] === 'string' ? values['api-key'] : env.OPENAI_API_KEY;
  const { timeoutMs, idleTimeoutMs } = timeoutsFor(seconds);
  return {
    requestTimeoutMs: timeoutMs,
    idleTimeoutMs,
    retries,
    ...(key ? { apiKey: key } : {}),
  };
}

/** A client of one model on an OpenAI-compatible server, with the server options' timeouts and key (none without options). */
export function serverClient(baseUrl: string, model: string, server?: ServerOptions): OpenAiHttpClient {
  return new OpenAiHttpClient({
    baseUrl,
    model,
    stream: 'never',
    ...(server ? { timeoutMs: server.requestTimeoutMs, idleTimeoutMs: server.idleTimeoutMs } : {}),
    ...(server?.apiKey ? { apiKey: server.apiKey } : {}),
  });
}

/**
 * What a command says on stderr before each transport retry: what failed, how long it waits (and
 * whether the server asked for that wait), which retry of how many.
 */
export function transportRetryWarner(warn: (line: string) => void, retries: number): (e: LlmError, waitMs: number, retry: number) => void {
  return (e, ms, n) => {
    const wait = `${(ms / 1000).toFixed(1)} s`;
    const next = e.retryAfterMs !== undefined ? `waiting ${wait} as the server asks` : `trying again in ${wait}`;
    warn(`${e.message.replace(/\.$/, '')}; ${next} (retry ${n} of ${retries})`);
  };
}

/** Warnings about how an endpoint is given: credentials in the URL (never sent nor stored), a key over plain http to another host. */
export function endpointWarnings(endpoint: string, secrets: readonly string[], apiKey: string | undefined): string[] {
  const out: string[] = [];
  if (secrets.length)
    out.push(
      `the endpoint's ${secrets.join(', ')} ${secrets.length === 1 ? 'is' : 'are'} neither sent nor written to any file; give a key with --api-key or OPENAI_API_KEY.`,
    );
  const host = keyInTheClear(endpoint, apiKey);
  if (host) out.push(`the API key goes to ${host} over plain http, readable by anyone on the way; use https for a remote server.`);
  return out;
}
