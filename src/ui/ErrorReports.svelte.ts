/**
 * Errors that no screen caught (an unhandled rejection, an uncaught exception, a `.catch(showError)`), kept until the
 * person dismisses them, so a failure is never silent. Cancellations are not failures and are left out.
 */

/** One error as shown. */
export interface ErrorReport {
  /** Identifies the report for dismissing it. */
  readonly id: number;
  /** What went wrong. */
  readonly message: string;
  /** What to do next, when the error says (LlmError's hint). */
  readonly hint?: string;
  /** How many times the same message arrived (shown once). */
  readonly count: number;
}

/** The most reports kept; older ones are dropped first. */
const MAX_REPORTS = 5;

/** True for a cancellation (an AbortError, an LlmError of kind 'aborted'): nothing to report. */
function isCancellation(e: unknown): boolean {
  const o = e as { name?: unknown; kind?: unknown } | null;
  return typeof o === 'object' && o !== null && (o.name === 'AbortError' || o.kind === 'aborted');
}

/** The errors shown by `ErrorReportList`, newest last. */
export class ErrorReports {
  #list = $state.raw<readonly ErrorReport[]>([]);
  #next = 1;

  /** The reports, oldest first. */
  get list(): readonly ErrorReport[] {
    return this.#list;
  }

  /** Adds a thrown value (a repeat of the last message is counted, not listed again). */
  report(e: unknown): void {
    if (isCancellation(e)) return;
    const message = e instanceof Error ? e.message || e.name : typeof e === 'string' ? e : (JSON.stringify(e) ?? String(e));
    const hint = (e as { hint?: unknown } | null)?.hint;
    const last = this.#list.at(-1);
    if (last && last.message === message) {
      this.#list = [...this.#list.slice(0, -1), { ...last, count: last.count + 1 }];
      return;
    }
    const r: ErrorReport = { id: this.#next++, message, count: 1, ...(typeof hint === 'string' && hint ? { hint } : {}) };
    this.#list = [...this.#list, r].slice(-MAX_REPORTS);
  }

  /** Removes a report. */
  dismiss(id: number): void {
    this.#list = this.#list.filter((r) => r.id !== id);
  }
}

/** The page's one list of reports (the notice in `main.ts` shows it). */
export const errorReports = new ErrorReports();

/** Shows an error nobody else handles: `promise.catch(showError)` where a failure would otherwise be lost. */
export function showError(e: unknown): void {
  errorReports.report(e);
}
