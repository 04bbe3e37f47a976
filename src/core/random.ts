/**
 * Seeded pseudo-random numbers shared by every random choice in Persona Lab.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, as in PractRand),
 * seeded by hashing a string with cyrb128. It uses only 32-bit integer arithmetic, so the same seed
 * gives the same sequence in every JavaScript engine, in the page, in workers and in Node.
 *
 * `fork(label)` derives an independent stream from the seed and a label without consuming the
 * parent's stream, so adding draws to one part of a pipeline never shifts another part
 * (persona 17's attributes do not change when persona 3 draws one more value).
 */

/** cyrb128: four 32-bit hashes of a string (public domain, bryc). */
export function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A short stable hex digest of a string (not cryptographic): for ids and cache keys. */
export function hashHex(text: string, words = 2): string {
  return hash128(text)
    .slice(0, Math.max(1, Math.min(4, words)))
    .map((h) => h.toString(16).padStart(8, '0'))
    .join('');
}

/** A seeded generator. Every method advances the stream; `fork` does not. */
export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  /** The seed this generator was made from (after any fork labels). */
  readonly seed: string;

  constructor(seed: string | number) {
    this.seed = String(seed);
    [this.#a, this.#b, this.#c, this.#d] = hash128(this.seed);
    for (let i = 0; i < 12; i++) this.nextUint32(); // warm up past the seed's structure
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    let a = this.#a,
      b = this.#b,
      c = this.#c,
      d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    this.#a = a;
    this.#b = b;
    this.#c = c;
    this.#d = d;
    return t >>> 0;
  }

  /** A float in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** An integer in [0, n); n must be a positive integer. Unbiased (rejection sampling). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`Rng.int needs a positive integer, got ${n}`);
    if (n <= 0x100000000) {
      const limit = 0x100000000 - (0x100000000 % n);
      let x = this.nextUint32();
      while (x >= limit) x = this.nextUint32();
      return x % n;
    }
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick of an empty array');
    return items[this.int(items.length)] as T;
  }

  /**
   * An index drawn with probability proportional to `weights[i]` (non-negative, not all zero).
   * Linear scan; for repeated draws from one table build an `AliasTable` instead.
   */
  weightedIndex(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i] as number;
    if (!(total > 0)) throw new RangeError('Rng.weightedIndex needs a positive total weight');
    let u = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i] as number;
      if (u < 0) return i;
    }
    for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] as number) > 0) return i;
    return weights.length - 1;
  }

  /** A new array with the items in a uniformly random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  /** k distinct items chosen uniformly, in random order (k is capped at the array's length). */
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, Math.min(k, items.length)));
  }

  /** An independent generator for a named sub-stream; does not advance this one. */
  fork(label: string | number): Rng {
    return new Rng(`${this.seed}/${label}`);
  }
}

/**
 * Walker's alias method: O(1) draws from a fixed discrete distribution.
 * Built once from weights (non-negative, not all zero); `draw` consumes one float.
 */
export class AliasTable {
  readonly #prob: Float64Array;
  readonly #alias: Uint32Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i] as number;
    if (!(n > 0 && total > 0)) throw new RangeError('AliasTable needs a positive total weight');
    this.#prob = new Float64Array(n);
    this.#alias = new Uint32Array(n);
    const scaled = new Float64Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = ((weights[i] as number) * n) / total;
      ((scaled[i] as number) < 1 ? small : large).push(i);
    }
    while (small.length && large.length) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.#prob[s] = scaled[s] as number;
      this.#alias[s] = l;
      scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
      ((scaled[l] as number) < 1 ? small : large).push(l);
    }
    for (const i of large) this.#prob[i] = 1;
    for (const i of small) this.#prob[i] = 1;
  }

  /** The number of outcomes. */
  get size(): number {
    return this.#prob.length;
  }

  /** An outcome index drawn from the table's distribution. */
  draw(rng: Rng): number {
    const u = rng.next() * this.#prob.length;
    const i = Math.floor(u);
    return u - i < (this.#prob[i] as number) ? i : (this.#alias[i] as number);
  }
}
