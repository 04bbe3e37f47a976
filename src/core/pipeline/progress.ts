/**
 * Live progress of a run: done/failed/total per stage, calls per minute and tokens per second over
 * the last minute, an estimate of the time left, and the latest items. Memory is bounded: a
 * one-minute window of call times and a short list of recent items.
 */
import type { AttemptRecord } from './context';
import type { PairSplit } from './records';

/** Counts for one stage. */
interface StageProgress {
  /** Stage name ("base", "critique", "revise", "judge"). */
  readonly stage: string;
  /** Items whose stage is done. */
  readonly done: number;
  /** Items whose stage failed. */
  readonly failed: number;
  /** Items that need the stage. */
  readonly total: number;
}

/** A pair that just changed, for the live list. */
export interface LatestItem {
  /** Item id. */
  readonly id: string;
  /** Persona id. */
  readonly personaId: string;
  /** Prompt id. */
  readonly promptId: string;
  /** Split. */
  readonly split: PairSplit;
  /** The stage that just finished or failed. */
  readonly stage: string;
  /** Its outcome. */
  readonly status: 'done' | 'failed';
  /** When (ms since the epoch). */
  readonly at: number;
}

/** A progress snapshot. */
export interface ProgressSnapshot {
  /** Per stage, in pipeline order. */
  readonly stages: readonly StageProgress[];
  /** Calls (requests and cache hits) per minute over the last minute. */
  readonly callsPerMinute: number;
  /** Completion tokens per second over the last minute (fresh calls only). */
  readonly tokensPerSecond: number;
  /** Estimated seconds left; undefined until there is a rate. */
  readonly etaSeconds?: number;
  /** Requests sent in this session. */
  readonly requests: number;
  /** Cache hits in this session. */
  readonly cacheHits: number;
  /** Requests answered (with any text, readable or not) in this session. */
  readonly answered: number;
  /** The latest changed pairs, newest first (at most 12). */
  readonly latest: readonly LatestItem[];
}

const WINDOW_MS = 60_000;

/** Tracks progress; the runner feeds it, the UI and CLI read snapshots. */
export class ProgressTracker {
  readonly #stages = new Map<string, { done: number; failed: number; total: number }>();
  #calls: Array<{ at: number; tokens: number }> = [];
  #head = 0;
  readonly #latest: LatestItem[] = [];
  #requests = 0;
  #hits = 0;
  #answered = 0;
  readonly #now: () => number;

  constructor(totals: ReadonlyArray<[string, number]>, now: () => number = Date.now) {
    for (const [stage, total] of totals) this.#stages.set(stage, { done: 0, failed: 0, total });
    this.#now = now;
  }

  /** Counts a stage outcome (stage names "judge:…" count under "judge"). */
  stage(name: string, outcome: 'done' | 'failed' | 'undo-failed'): void {
    const s = this.#stages.get(name.startsWith('judge:') ? 'judge' : name);
    if (!s) return;
    if (outcome === 'done') s.done++;
    else if (outcome === 'failed') s.failed++;
    else s.failed = Math.max(0, s.failed - 1);
  }

  /** Counts an attempt. */
  call(a: AttemptRecord): void {
    if (a.cached) this.#hits++;
    else this.#requests += a.requests;
    if (a.text === undefined) return;
    if (!a.cached) this.#answered++;
    const at = this.#now();
    this.#calls.push({ at, tokens: a.cached ? 0 : (a.usage?.completionTokens ?? 0) });
    while (this.#head < this.#calls.length && (this.#calls[this.#head] as { at: number }).at < at - WINDOW_MS) this.#head++;
    if (this.#head > 4096 && this.#head * 2 > this.#calls.length) {
      this.#calls = this.#calls.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Adds a pair to the live list. */
  latest(item: Omit<LatestItem, 'at'>): void {
    this.#latest.unshift({ ...item, at: this.#now() });
    if (this.#latest.length > 12) this.#latest.pop();
  }

  /** A snapshot. */
  snapshot(): ProgressSnapshot {
    const now = this.#now();
    const recent = this.#calls.slice(this.#head).filter((c) => c.at >= now - WINDOW_MS);
    const span = recent.length > 1 ? Math.max(1000, now - (recent[0] as { at: number }).at) : 0;
    const callsPerMinute = span ? (recent.length / span) * 60_000 : 0;
    const tokensPerSecond = span ? (recent.reduce((s, c) => s + c.tokens, 0) / span) * 1000 : 0;
    const stages = [...this.#stages.entries()].map(([stage, s]) => ({ stage, ...s }));
    const left = stages.reduce((n, s) => n + Math.max(0, s.total - s.done - s.failed), 0);
    const snap: ProgressSnapshot = {
      stages,
      callsPerMinute,
      tokensPerSecond,
      requests: this.#requests,
      cacheHits: this.#hits,
      answered: this.#answered,
      latest: [...this.#latest],
    };
    return callsPerMinute > 0 ? { ...snap, etaSeconds: (left / callsPerMinute) * 60 } : snap;
  }
}
