/**
 * Which backend failures are worth sending the same request again, and how long to wait first:
 * exponential backoff with jitter (derived from the call's key, so it is seeded and the same in
 * the page and in Node), or exactly what the server asked for in `Retry-After`.
 */
import { hash128 } from '../random';
import { isLlmError, type LlmError } from './errors';

/** Extra tries after a transient failure, by default (five requests in all). */
export const DEFAULT_TRANSPORT_RETRIES = 4;
/** First backoff delay before jitter, ms; doubled for every retry. */
const BACKOFF_BASE_MS = 500;
/** Longest backoff delay before jitter, ms. */
const BACKOFF_CAP_MS = 30_000;
/** The longest `Retry-After` honoured; a server asking for more fails the call (it will not be back soon). */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * True for failures that may pass when the same request is sent again: the host could not be
 * reached or the connection broke, a timeout, HTTP 408, 429 and 5xx (or an error reported in the
 * middle of a reply), an unreadable reply, an unknown failure. Never for auth, not-found,
 * context-overflow, invalid-request, grammar, too-large or aborted.
 */
export function isTransient(e: unknown): boolean {
  if (!isLlmError(e)) return false;
  switch (e.kind) {
    case 'network':
    case 'timeout':
    case 'bad-output':
    case 'unknown':
      return true;
    case 'http':
      return e.status === undefined || e.status === 408 || e.status === 429 || e.status >= 500;
    default:
      return false;
  }
}

/**
 * Backoff before retry n (0-based): base·2ⁿ capped, then "equal jitter" (half of it fixed, half
 * spread by a hash of `salt` and n), so calls that failed together do not come back together.
 */
export function backoffMs(n: number, salt: string, baseMs = BACKOFF_BASE_MS, capMs = BACKOFF_CAP_MS): number {
  const full = Math.min(capMs, baseMs * 2 ** n);
  const u = (hash128(`${salt}/${n}`)[0] >>> 0) / 2 ** 32;
  return Math.round(full / 2 + (full / 2) * u);
}

/**
 * How long to wait before retry n of a failed call: the server's `Retry-After` when it sent one,
 * else `delay(n)` (default `backoffMs`). Undefined when the server asked for longer than
 * `MAX_RETRY_AFTER_MS` (not worth waiting for).
 */
export function retryWaitMs(e: LlmError, n: number, salt: string, delay?: (n: number) => number): number | undefined {
  if (e.retryAfterMs !== undefined) return e.retryAfterMs > MAX_RETRY_AFTER_MS ? undefined : e.retryAfterMs;
  return delay ? delay(n) : backoffMs(n, salt);
}
