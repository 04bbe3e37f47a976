/**
 * How a run session ends: which backend failures stop the whole run (and in what words), and the
 * run status a session's counts deserve ("done" only when every pair reached a final state).
 */
import type { LlmError } from '../llm/errors';
import { isTransient } from '../llm/retry';
import type { RunStatus } from './records';

/** Failures that stop the whole run (after the call's own retries, for the transient ones). */
const SYSTEMIC = new Set([
  'network',
  'cors',
  'auth',
  'not-found',
  'no-webgpu',
  'no-adapter',
  'shader-f16',
  'device-lost',
  'out-of-memory',
  'quota',
  'model-not-loaded',
]);

/** Calls in a row that may fail after all their retries before the run stops (a server failing everything). */
const FAILURES_IN_A_ROW = 3;

/**
 * Why a stage failure stops the run, or undefined when the run goes on without that item.
 * `inARow`: calls that failed after all their retries since the last answer.
 */
export function stopReason(e: LlmError, inARow: number): string | undefined {
  if (SYSTEMIC.has(e.kind)) return describe(e);
  if (e.kind === 'http' && e.status === 429) return `${describe(e)} The server kept rate-limiting after every retry.`;
  if (isTransient(e) && inARow >= FAILURES_IN_A_ROW)
    return `${inARow} calls in a row failed after all their retries; the last: ${describe(e)}`;
  return undefined;
}

/** An error's message and hint, as one line for people. */
function describe(e: LlmError): string {
  return e.hint ? `${e.message} ${e.hint}` : e.message;
}

/**
 * A session's end in words: "failed" when the run was stopped or no pair could be made,
 * "incomplete" when some pairs failed on backend errors a resume would try again, "done" when
 * every pair reached a final state (made, or failed for good: unreadable output after every
 * attempt, or a request the server refuses as it is).
 */
export function sessionEnd(
  halt: string | undefined,
  paused: boolean,
  counts: { readonly done: number; readonly failed: number; readonly waiting: number; readonly pending: number },
  retryableFailed: number,
): { status: RunStatus; error?: string } {
  if (halt) return { status: 'failed', error: halt };
  if (paused || counts.pending) return { status: 'paused' };
  if (counts.waiting) return { status: 'waiting' };
  if (counts.failed && counts.done === 0)
    return { status: 'failed', error: `No pair could be made: all ${counts.failed} failed (their errors are listed with the pairs).` };
  if (retryableFailed)
    return {
      status: 'incomplete',
      error: `${retryableFailed} pair(s) failed on backend errors after every retry; resume the run to try them again.`,
    };
  return { status: 'done' };
}
