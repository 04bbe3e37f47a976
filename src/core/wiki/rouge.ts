/**
 * ROUGE as Google's `rouge_score` package computes it (the WikiPersonas paper's Table 2 and
 * Appendix F.2). Tokens: the text in lower case, every run of characters outside a–z and 0–9 made
 * one space, split on spaces (with `stem`, NLTK's Porter stemmer applied to tokens longer than three
 * characters). ROUGE-N counts clipped n-gram overlaps; ROUGE-L uses the longest common subsequence.
 * Precision divides by the prediction's count, recall by the reference's, F1 = 2PR / (P + R) (0 when
 * both are 0). With several references the score is the one with the best F1 (the first on a tie).
 */
import { porterStem } from './porter';

/** A ROUGE score. */
export interface RougeScore {
  /** Matches over the prediction's n-grams (or tokens, for ROUGE-L). */
  readonly precision: number;
  /** Matches over the reference's. */
  readonly recall: number;
  /** 2PR / (P + R); 0 when P + R = 0. */
  readonly f1: number;
}

/** The metrics: ROUGE-1, ROUGE-2, ROUGE-L. */
export type RougeMetric = 'rouge1' | 'rouge2' | 'rougeL';

/** The metric names accepted by `rouge`. */
export const ROUGE_METRICS: readonly RougeMetric[] = ['rouge1', 'rouge2', 'rougeL'];

/** rouge_score's tokens of a text. */
export function rougeTokens(text: string, stem = false): string[] {
  const spaced = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ');
  const tokens = spaced.split(/\s+/).filter((t) => t !== '');
  return stem ? tokens.map((t) => (t.length > 3 ? porterStem(t) : t)).filter((t) => /^[a-z0-9]+$/.test(t)) : tokens;
}

function f1(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function ngrams(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function scoreNgrams(reference: readonly string[], prediction: readonly string[], n: number): RougeScore {
  const ref = ngrams(reference, n);
  const pred = ngrams(prediction, n);
  let overlap = 0;
  for (const [g, c] of pred) overlap += Math.min(c, ref.get(g) ?? 0);
  const refCount = [...ref.values()].reduce((a, b) => a + b, 0);
  const predCount = [...pred.values()].reduce((a, b) => a + b, 0);
  const precision = overlap / Math.max(predCount, 1);
  const recall = overlap / Math.max(refCount, 1);
  return { precision, recall, f1: f1(precision, recall) };
}

/** Length of the longest common subsequence (two rows of the dynamic programme). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let prev = new Uint32Array(b.length + 1);
  let row = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) row[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    [prev, row] = [row, prev];
  }
  return prev[b.length]!;
}

function scoreLcs(reference: readonly string[], prediction: readonly string[]): RougeScore {
  if (reference.length === 0 || prediction.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const lcs = lcsLength(reference, prediction);
  const precision = lcs / prediction.length;
  const recall = lcs / reference.length;
  return { precision, recall, f1: f1(precision, recall) };
}

/** ROUGE of a prediction against one reference. */
export function rouge(prediction: string, reference: string, metric: RougeMetric = 'rouge1', stem = false): RougeScore {
  const p = rougeTokens(prediction, stem);
  const r = rougeTokens(reference, stem);
  return metric === 'rougeL' ? scoreLcs(r, p) : scoreNgrams(r, p, metric === 'rouge2' ? 2 : 1);
}

/** ROUGE against several references: the score with the best F1 (the first of equal ones). Throws on no reference. */
export function rougeMulti(prediction: string, references: readonly string[], metric: RougeMetric = 'rouge1', stem = false): RougeScore {
  if (references.length === 0) throw new RangeError('ROUGE needs at least one reference.');
  let best: RougeScore | undefined;
  for (const ref of references) {
    const s = rouge(prediction, ref, metric, stem);
    if (!best || s.f1 > best.f1) best = s;
  }
  return best!;
}
