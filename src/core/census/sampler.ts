/**
 * The census sampler: compiles a CensusModelData into dense lookup tables and alias tables, then
 * draws persons in the network's order. Each node mixes its backoff levels: at a level whose row
 * for the drawn parents has n records, the row is used with probability n / (n + ALPHA), else the
 * next (coarser) level is tried; the floor is always used (docs/census-model.md). Draws per person:
 * about 2 per node plus the fills; no allocation besides the returned records.
 */
import type { Rng } from '../random';
import { CENSUS_KEYS, type CensusPerson, type CensusRegion, type CensusSampler, type SamplerOptions } from './types';
import { NA, SLOTS, V, regionOf, type Feature } from './features';
import { NETWORK, NETWORK_VERSION, INCOME_LOWER } from './network';
import { assertModel, CensusModelError, type CensusModelData } from './model';
import { CensusFills } from './fills';
import { firstViolation } from './rules';
import type { AttributeValue } from '../personas/schema';

/** Pseudo-count of the backoff mixture: a row of n records gets weight n / (n + ALPHA). */
const ALPHA = 5;
const MAX_TRIES = 100;

interface Level {
  readonly feats: readonly Feature[];
  /** config → row, -1 when unseen. */
  readonly index: Int32Array;
  readonly lambda: Float64Array;
  readonly start: Int32Array;
  readonly len: Int32Array;
  readonly prob: Float64Array;
  readonly alias: Int32Array;
  readonly codes: Int32Array;
}

interface Node {
  readonly slot: number;
  readonly levels: readonly Level[];
  /** Draws from the node's overall distribution (used only when even the floor row is unseen). */
  readonly fallback: Level;
}

function fillAlias(weights: readonly number[], prob: Float64Array, alias: Int32Array, at: number): void {
  const n = weights.length;
  const total = weights.reduce((a, b) => a + b, 0);
  const scaled = weights.map((w) => (w * n) / total);
  const small: number[] = [],
    large: number[] = [];
  scaled.forEach((s, i) => (s < 1 ? small : large).push(i));
  while (small.length && large.length) {
    const s = small.pop()!,
      l = large.pop()!;
    prob[at + s] = scaled[s]!;
    alias[at + s] = at + l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    (scaled[l]! < 1 ? small : large).push(l);
  }
  for (const i of [...small, ...large]) {
    prob[at + i] = 1;
    alias[at + i] = at + i;
  }
}

function compileLevel(
  feats: readonly Feature[],
  rows: readonly { n: number; vals: number[]; w: number[] }[],
  cfgs: readonly number[],
  values: readonly number[],
  floor: boolean,
): Level {
  let size = 1;
  for (const f of feats) size *= f.card;
  const index = new Int32Array(size).fill(-1);
  const total = rows.reduce((s, r) => s + r.vals.length, 0);
  const lvl: Level = {
    feats,
    index,
    lambda: new Float64Array(rows.length),
    start: new Int32Array(rows.length),
    len: new Int32Array(rows.length),
    prob: new Float64Array(total),
    alias: new Int32Array(total),
    codes: new Int32Array(total),
  };
  let at = 0;
  rows.forEach((r, i) => {
    index[cfgs[i]!] = i;
    (lvl.lambda as Float64Array)[i] = floor ? 1 : r.n / (r.n + ALPHA);
    (lvl.start as Int32Array)[i] = at;
    (lvl.len as Int32Array)[i] = r.vals.length;
    r.vals.forEach((vi, k) => ((lvl.codes as Int32Array)[at + k] = values[vi]!));
    fillAlias(r.w, lvl.prob as Float64Array, lvl.alias as Int32Array, at);
    at += r.vals.length;
  });
  return lvl;
}

function decode(flat: readonly number[]): { cfgs: number[]; rows: { n: number; vals: number[]; w: number[] }[] } {
  const cfgs: number[] = [],
    rows: { n: number; vals: number[]; w: number[] }[] = [];
  for (let i = 0; i < flat.length;) {
    const cfg = flat[i]!,
      n = flat[i + 1]!,
      k = flat[i + 2]!;
    const vals: number[] = [],
      w: number[] = [];
    for (let j = 0; j < k; j++) {
      vals.push(flat[i + 3 + 2 * j]!);
      w.push(flat[i + 4 + 2 * j]!);
    }
    cfgs.push(cfg);
    rows.push({ n, vals, w });
    i += 3 + 2 * k;
  }
  return { cfgs, rows };
}

/** The compiled network of one model, shared by every sampler made from it. */
export class CompiledCensusModel {
  readonly model: CensusModelData;
  readonly nodes: readonly Node[];
  readonly fills: CensusFills;
  /** Weighted count of each single year of age 0–99. */
  readonly ageWeights: Float64Array;

  constructor(model: CensusModelData) {
    assertModel(model, NETWORK_VERSION);
    this.model = model;
    this.nodes = NETWORK.map((node) => {
      const t = model.nodes[node.name];
      if (!t || t.levels.length !== node.levels.length) throw new CensusModelError(`Census model has no tables for ${node.name}.`);
      const levels = node.levels.map((feats, l) => {
        const { cfgs, rows } = decode(t.levels[l]!);
        return compileLevel(feats, rows, cfgs, t.values, l === node.levels.length - 1);
      });
      const floor = decode(t.levels[t.levels.length - 1]!);
      const sum = new Array<number>(t.values.length).fill(0);
      for (const r of floor.rows) r.vals.forEach((vi, k) => (sum[vi] = sum[vi]! + r.w[k]!));
      const vals = sum.flatMap((w, i) => (w > 0 ? [i] : []));
      if (vals.length === 0) throw new CensusModelError(`Census model's ${node.name} table is empty.`);
      const fallback = compileLevel([], [{ n: 1, vals, w: vals.map((i) => sum[i]!) }], [0], t.values, true);
      return { slot: node.slot, levels, fallback };
    });
    const age = decode(model.nodes.AGEP!.levels[0]!).rows[0]!;
    this.ageWeights = new Float64Array(100);
    age.vals.forEach((vi, k) => (this.ageWeights[model.nodes.AGEP!.values[vi]!] = age.w[k]!));
    const st = decode(model.nodes.ST!.levels[0]!).rows;
    const stWeight = new Float64Array(80);
    for (const r of st)
      r.vals.forEach((vi, k) => {
        const fips = model.nodes.ST!.values[vi]!;
        stWeight[fips] = (stWeight[fips] ?? 0) + r.w[k]!;
      });
    this.fills = new CensusFills((fips) => stWeight[fips] ?? 0);
  }
}

function drawLevel(lvl: Level, row: number, rng: Rng): number {
  const s = lvl.start[row]!,
    n = lvl.len[row]!;
  if (n === 1) return lvl.codes[s]!;
  const u = rng.next() * n;
  const i = Math.floor(u);
  return u - i < lvl.prob[s + i]! ? lvl.codes[s + i]! : lvl.codes[lvl.alias[s + i]!]!;
}

/** Counters a sampler keeps, for tests and diagnostics. */
export interface SamplerStats {
  /** Persons returned. */
  persons: number;
  /** Draws rejected by a hard rule and redrawn. */
  rejected: number;
  /** Node draws that fell back to the node's overall distribution (parents never seen together). */
  fallbacks: number;
  /** Rejections by rule id. */
  readonly rejectedBy: Record<string, number>;
}

const labelOf = (labels: Readonly<Record<string, string>> | undefined, code: number | null): string | null =>
  code === null ? null : (labels?.[code] ?? String(code));
const REGIONS: readonly CensusRegion[] = ['Northeast', 'Midwest', 'South', 'West'];

/** A census sampler over a compiled model, optionally restricted to an age range. */
export class ModelCensusSampler implements CensusSampler {
  readonly #m: CompiledCensusModel;
  readonly #ages: Int32Array;
  readonly #ageProb: Float64Array;
  readonly #ageAlias: Int32Array;
  readonly #v = new Int32Array(SLOTS);
  /** Counters since creation. */
  readonly stats: SamplerStats = { persons: 0, rejected: 0, fallbacks: 0, rejectedBy: {} };

  constructor(model: CompiledCensusModel, options: SamplerOptions = {}) {
    this.#m = model;
    const min = Math.max(0, Math.floor(options.minAge ?? 0));
    const max = Math.min(99, Math.floor(options.maxAge ?? 99));
    const ages: number[] = [],
      w: number[] = [];
    for (let a = min; a <= max; a++) if (model.ageWeights[a]! > 0) (ages.push(a), w.push(model.ageWeights[a]!));
    if (ages.length === 0) throw new RangeError(`The census model has nobody aged ${min} to ${max}.`);
    this.#ages = Int32Array.from(ages);
    this.#ageProb = new Float64Array(ages.length);
    this.#ageAlias = new Int32Array(ages.length);
    fillAlias(w, this.#ageProb, this.#ageAlias, 0);
  }

  #drawNode(node: Node, v: Int32Array, rng: Rng): number {
    const levels = node.levels;
    for (let l = 0; l < levels.length; l++) {
      const lvl = levels[l]!;
      let cfg = 0;
      const feats = lvl.feats;
      for (let k = 0; k < feats.length; k++) {
        const f = feats[k]!;
        cfg = cfg * f.card + f.f(v);
      }
      const row = lvl.index[cfg]!;
      if (row < 0) continue;
      const lam = lvl.lambda[row]!;
      if (lam >= 1 || rng.next() < lam) return drawLevel(lvl, row, rng);
    }
    this.stats.fallbacks++;
    return drawLevel(node.fallback, 0, rng);
  }

  /** Draws the network's codes into `v` (the fills are not applied). */
  drawCodes(v: Int32Array, rng: Rng): void {
    const u = rng.next() * this.#ages.length;
    const i = Math.floor(u);
    v[V.AGEP] = this.#ages[u - i < this.#ageProb[i]! ? i : this.#ageAlias[i]!]!;
    const nodes = this.#m.nodes;
    for (let n = 1; n < nodes.length - 1; n++) v[nodes[n]!.slot] = this.#drawNode(nodes[n]!, v, rng);
    // HHLX (last node) is drawn only for group-quarters residents who speak another language.
    const lang = v[V.LANG]!;
    v[V.HHLX] = v[V.HHL] === NA ? (lang >= 11 && lang <= 14 ? this.#drawNode(nodes[nodes.length - 1]!, v, rng) : 1) : v[V.HHL]!;
  }

  /** One person. */
  sample(rng: Rng): CensusPerson {
    const v = this.#v;
    for (let tries = 1; ; tries++) {
      this.drawCodes(v, rng);
      const person = this.#complete(v, rng);
      const broken = tries >= MAX_TRIES ? undefined : firstViolation(person.codes);
      if (broken === undefined) {
        this.stats.persons++;
        return person;
      }
      this.stats.rejected++;
      this.stats.rejectedBy[broken] = (this.stats.rejectedBy[broken] ?? 0) + 1;
    }
  }

  #income(bin: number, rng: Rng): number {
    const q = this.#m.model.income[bin];
    if (!q || q.length === 0) return bin === 0 ? -1000 : bin === 1 ? 0 : (INCOME_LOWER[bin] as number);
    const u = rng.next() * (q.length - 1);
    const i = Math.floor(u);
    const lo = q[i]!,
      hi = q[Math.min(q.length - 1, i + 1)]!;
    const x = lo + (hi - lo) * (u - i);
    const step = Math.abs(x) >= 1000 ? 100 : 10;
    const r = Math.round(x / step) * step;
    const min = bin === 0 ? -Infinity : (INCOME_LOWER[bin] as number);
    const max = bin + 1 < INCOME_LOWER.length ? (INCOME_LOWER[bin + 1] as number) - 1 : Infinity;
    return bin === 1 ? 0 : Math.min(max, Math.max(min, r));
  }

  #complete(v: Int32Array, rng: Rng): CensusPerson {
    const m = this.#m;
    const L = m.model.labels;
    const nul = (x: number) => (x === NA ? null : x);
    const age = v[V.AGEP]!,
      st = v[V.ST]!,
      hisp = v[V.HISP]!,
      race = v[V.RAC1P]!,
      cit = v[V.CIT]!;
    const hhl = v[V.HHLX]!;
    const [pobp, anc] = m.fills.birthAndAncestry(age, st, hisp, race, cit, hhl, rng);
    const hht = v[V.HHT]!,
      kids = v[V.KIDS]!;
    const hht2 = m.fills.householdDetail(hht, kids, rng);
    const fparc = hht >= 1 && hht <= 3 ? kids : NA;
    const diff = v[V.DIFF]!,
      lang = v[V.LANG]!;
    const dear = Math.floor(diff / 100),
      deye = Math.floor(diff / 10) % 10,
      drem = diff % 10 || NA;
    const lanx = lang === NA ? NA : lang === 20 ? 2 : 1;
    const eng = lang >= 11 && lang <= 14 ? lang - 10 : NA;
    const pinc = v[V.PINC]!;
    const income = pinc === NA ? null : this.#income(pinc, rng);
    const codes = {
      AGEP: age,
      SEX: v[V.SEX]!,
      RAC1P: race,
      HISP: hisp,
      ST: st,
      SCHL: nul(v[V.SCHL]!),
      ESR: nul(v[V.ESR]!),
      COW: nul(v[V.COW]!),
      OCCP: nul(v[V.OCCP]!),
      INDP: nul(v[V.INDP]!),
      PINCP: income,
      MAR: v[V.MAR]!,
      MIL: nul(v[V.MIL]!),
      CIT: cit,
      NATIVITY: cit >= 4 ? 2 : 1,
      DIS: v[V.DIS]!,
      HICOV: v[V.HICOV]!,
      ENG: nul(eng),
      LANX: nul(lanx),
      FER: nul(v[V.FER]!),
      DEAR: dear,
      DEYE: deye,
      DREM: nul(drem),
      HHT: nul(hht),
      HHL: nul(hhl),
      HHT2: nul(hht2),
      FPARC: nul(fparc),
      POBP: pobp,
      ANC1P: anc,
    };
    const attributes: Record<(typeof CENSUS_KEYS)[number], AttributeValue> = {
      age,
      sex: labelOf(L.SEX, codes.SEX),
      race: labelOf(L.RAC1P, race),
      ancestry: labelOf(L.ANC1P, anc),
      'household language': labelOf(L.HHL, codes.HHL),
      education: labelOf(L.SCHL, codes.SCHL),
      'employment status': labelOf(L.ESR, codes.ESR),
      'class of worker': labelOf(L.COW, codes.COW),
      'industry category': labelOf(L.INDP, codes.INDP),
      'occupation category': labelOf(L.OCCP, codes.OCCP),
      income,
      'marital status': labelOf(L.MAR, codes.MAR),
      'household type': labelOf(L.HHT2, codes.HHT2),
      'family presence and age': labelOf(L.FPARC, codes.FPARC),
      'place of birth': labelOf(L.POBP, pobp),
      citizenship: labelOf(L.CIT, cit),
      'veteran status': labelOf(L.MIL, codes.MIL),
      disability: labelOf(L.DIS, codes.DIS),
      'health insurance': labelOf(L.HICOV, codes.HICOV),
      'cognitive difficulty': labelOf(L.DREM, codes.DREM),
      'ability to speak english': labelOf(L.ENG, codes.ENG),
      'vision difficulty': labelOf(L.DEYE, codes.DEYE),
      fertility: labelOf(L.FER, codes.FER),
      'hearing difficulty': labelOf(L.DEAR, codes.DEAR),
    };
    return { attributes, codes, region: REGIONS[regionOf(st)]! };
  }
}

const compiled = new WeakMap<CensusModelData, CompiledCensusModel>();

/** Compiles a model once (cached per model object); throws CensusModelError when it is unusable. */
export function compileCensusModel(model: CensusModelData): CompiledCensusModel {
  let c = compiled.get(model);
  if (!c) compiled.set(model, (c = new CompiledCensusModel(model)));
  return c;
}

/** A sampler over a model, restricted to ages [minAge, maxAge] (age drawn from the truncated marginal, the rest conditionally). */
export function createCensusSampler(model: CensusModelData, options: SamplerOptions = {}): ModelCensusSampler {
  return new ModelCensusSampler(compileCensusModel(model), options);
}
