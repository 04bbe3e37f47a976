/**
 * Storage full (#9): recognising the browser's quota error however it arrives (a DOMException from
 * IndexedDB or the Cache API, Dexie's wrapper around it, a cause chain) and the words a paused job
 * shows. Nothing is deleted when storage fills: a write that does not fit is refused whole, so what
 * was stored before stays, and the job resumes where it stopped once space is freed.
 */
import { LlmError } from './llm/errors';

/** What to free, for every job the message is about. */
export const STORAGE_FULL_HINT =
  'Free space (delete old runs, studies or conversations, the call cache, or cached model weights you no longer need), then resume: nothing already stored was lost.';

/** True when `e` (or an error it wraps: Dexie's `inner`, a `cause`) is the browser's quota error. */
export function isQuotaError(e: unknown): boolean {
  for (let x = e, depth = 0; x && typeof x === 'object' && depth < 5; depth++) {
    const { name, message } = x as { name?: unknown; message?: unknown };
    if (name === 'QuotaExceededError' || /QuotaExceeded|quota (has been )?exceeded|storage (is )?full/i.test(String(message ?? '')))
      return true;
    x = (x as { inner?: unknown }).inner ?? (x as { cause?: unknown }).cause;
  }
  return false;
}

/** The error a job shows when storage filled while it wrote: `job` says what was paused ("The run", "The study"). */
export function storageFullError(job: string): LlmError {
  return new LlmError('quota', `Browser storage is full, so ${job} was paused.`, { hint: STORAGE_FULL_HINT });
}
