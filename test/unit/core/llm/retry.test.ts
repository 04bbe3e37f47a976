import { describe, expect, it } from 'vitest';
import { LlmError, type LlmErrorKind } from '../../../../src/core/llm/errors';
import { parseRetryAfter } from '../../../../src/core/llm/http-errors';
import { backoffMs, isTransient, MAX_RETRY_AFTER_MS, retryWaitMs } from '../../../../src/core/llm/retry';

const err = (kind: LlmErrorKind, status?: number, retryAfterMs?: number) =>
  new LlmError(kind, 'x', { ...(status !== undefined ? { status } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });

describe('isTransient', () => {
  it('retries resets, unreachable hosts, timeouts, 408, 429, 5xx, mid-reply errors and unreadable replies', () => {
    for (const e of [
      err('network'),
      err('timeout'),
      err('bad-output'),
      err('unknown'),
      err('http', 408),
      err('http', 429),
      err('http', 500),
      err('http', 503),
      err('http'),
    ])
      expect(isTransient(e)).toBe(true);
  });
  it('never retries refusals that the same request meets again, nor a cancelled call', () => {
    for (const k of ['auth', 'not-found', 'context-overflow', 'invalid-request', 'grammar', 'too-large', 'aborted', 'quota'] as const)
      expect(isTransient(err(k))).toBe(false);
    expect(isTransient(err('http', 409))).toBe(false);
    expect(isTransient(new Error('plain'))).toBe(false);
  });
});

describe('backoff', () => {
  it('doubles from 500 ms up to the cap, with jitter that stays within [half, full] and depends on the call', () => {
    for (let n = 0; n < 10; n++) {
      const full = Math.min(30_000, 500 * 2 ** n);
      const a = backoffMs(n, 'call-a');
      expect(a).toBeGreaterThanOrEqual(full / 2);
      expect(a).toBeLessThanOrEqual(full);
      expect(backoffMs(n, 'call-a')).toBe(a); // seeded: the same call waits the same
    }
    const spread = new Set(Array.from({ length: 20 }, (_, i) => backoffMs(3, `call-${i}`)));
    expect(spread.size).toBeGreaterThan(10);
  });

  it("honours the server's Retry-After over the backoff, and gives up on a wait longer than the maximum", () => {
    expect(retryWaitMs(err('http', 429, 2000), 0, 'k')).toBe(2000);
    expect(retryWaitMs(err('http', 429, 0), 3, 'k')).toBe(0);
    expect(retryWaitMs(err('http', 503), 1, 'k', (n) => n * 7)).toBe(7);
    expect(retryWaitMs(err('http', 429, MAX_RETRY_AFTER_MS + 1), 0, 'k')).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP-dates, and ignores what it cannot read', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1500);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
  });
});
