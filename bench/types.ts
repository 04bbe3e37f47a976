/** One measured quantity of `npm run bench`. */
export interface Bench {
  /** Stable id, e.g. "personas.generate-1586". */
  readonly id: string;
  /** The issue whose target this measures. */
  readonly issue: number;
  /** What is measured, for the table. */
  readonly title: string;
  /** The unit of the value: "ms", "s", "KB", "ms/call", "MB", "calls/pair", … */
  readonly unit: string;
  /** The target as the issue states it: at most this value; undefined for a reported figure. */
  readonly target?: number;
  /** Measures and returns the value (and optional detail text). */
  run(): Promise<BenchResult>;
}

/** A measurement. */
interface BenchResult {
  /** The measured value in the bench's unit. */
  readonly value: number;
  /** Extra context, such as the sample count or the spread. */
  readonly detail?: string;
}

/** Median of a non-empty list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}
