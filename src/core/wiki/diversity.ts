/**
 * Appendix B.3's diversity filter: the candidates' embeddings are normalised, clustered by k-means
 * (k = 4), and from each cluster the candidate least similar to the other clusters' centres is kept
 * (the smallest sum of dot products with them, as FamousPersona's `filter_diverse_responses`
 * computes "farthest from all other cluster centres"). k-means++ seeding and Lloyd's iterations take
 * their random choices from the seeded `Rng`. Where no embedding model is at hand, TF-IDF vectors
 * of the words stand in (a lexical fallback, reported as such).
 */
import { Rng } from '../random';
import { rougeTokens } from './rouge';

/** Scales each vector to unit length (a zero vector stays zero). */
function normalise(vectors: readonly (readonly number[])[]): number[][] {
  return vectors.map((v) => {
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    return norm > 0 ? v.map((x) => x / norm) : v.slice();
  });
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
const dist2 = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + (x - (b[i] ?? 0)) ** 2, 0);

/** A k-means clustering. */
interface Clustering {
  /** The cluster of each vector. */
  readonly labels: readonly number[];
  /** The centres. */
  readonly centres: readonly (readonly number[])[];
}

/** k-means with k-means++ seeding and Lloyd's iterations (at most 100, or until no label changes). k ≤ n. */
function kMeans(vectors: readonly (readonly number[])[], k: number, rng: Rng): Clustering {
  const n = vectors.length;
  if (k < 1 || k > n) throw new RangeError(`k-means needs 1 ≤ k ≤ ${n}, got ${k}`);
  const centres: number[][] = [vectors[rng.int(n)]!.slice()];
  while (centres.length < k) {
    const d = vectors.map((v) => Math.min(...centres.map((c) => dist2(v, c))));
    const total = d.reduce((a, b) => a + b, 0);
    const pick = total > 0 ? rng.weightedIndex(d) : d.findIndex((_, i) => !centres.some((c) => dist2(vectors[i]!, c) === 0) || i === n - 1);
    centres.push(vectors[Math.max(0, pick)]!.slice());
  }
  let labels = new Array<number>(n).fill(-1);
  for (let iter = 0; iter < 100; iter++) {
    const next = vectors.map((v) => {
      let best = 0;
      for (let c = 1; c < k; c++) if (dist2(v, centres[c]!) < dist2(v, centres[best]!)) best = c;
      return best;
    });
    const changed = next.some((l, i) => l !== labels[i]);
    labels = next;
    for (let c = 0; c < k; c++) {
      const members = vectors.filter((_, i) => labels[i] === c);
      if (members.length) centres[c] = members[0]!.map((_, j) => members.reduce((s, m) => s + m[j]!, 0) / members.length);
    }
    if (!changed) break;
  }
  return { labels, centres };
}

/**
 * Indices of `k` diverse candidates: one per cluster, the member with the smallest summed similarity
 * to the other centres. With k or fewer vectors, all of them in order. An empty cluster (possible
 * with duplicate texts) is filled by the unchosen vector least similar to the chosen ones.
 */
export function selectDiverse(vectors: readonly (readonly number[])[], k: number, rng: Rng): number[] {
  if (vectors.length <= k) return vectors.map((_, i) => i);
  const unit = normalise(vectors);
  const { labels, centres } = kMeans(unit, k, rng);
  const chosen: number[] = [];
  for (let c = 0; c < k; c++) {
    const others = centres.filter((_, j) => j !== c);
    let best = -1;
    let bestScore = Infinity;
    labels.forEach((l, i) => {
      if (l !== c) return;
      const s = others.reduce((acc, centre) => acc + dot(unit[i]!, centre), 0);
      if (s < bestScore) [best, bestScore] = [i, s];
    });
    if (best >= 0) chosen.push(best);
  }
  while (chosen.length < k) {
    let best = -1;
    let bestScore = Infinity;
    unit.forEach((v, i) => {
      if (chosen.includes(i)) return;
      const s = Math.max(...chosen.map((j) => dot(v, unit[j]!)));
      if (s < bestScore) [best, bestScore] = [i, s];
    });
    chosen.push(best);
  }
  return chosen.sort((a, b) => a - b);
}

/** TF-IDF vectors of texts over their shared vocabulary (rouge_score's tokens; smooth idf = ln((1+n)/(1+df)) + 1, as scikit-learn's default). */
export function tfidfVectors(texts: readonly string[]): number[][] {
  const docs = texts.map((t) => rougeTokens(t));
  const vocab = new Map<string, number>();
  const df: number[] = [];
  for (const doc of docs) {
    for (const w of new Set(doc)) {
      let i = vocab.get(w);
      if (i === undefined) vocab.set(w, (i = df.push(0) - 1));
      df[i]!++;
    }
  }
  const n = docs.length;
  const idf = df.map((d) => Math.log((1 + n) / (1 + d)) + 1);
  return docs.map((doc) => {
    const v = new Array<number>(df.length).fill(0);
    for (const w of doc) v[vocab.get(w)!]! += 1;
    return v.map((tf, i) => tf * idf[i]!);
  });
}
