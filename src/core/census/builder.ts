/**
 * The row-accumulating census model builder: pure, fed by the Node build (Parquet/CSV readers in
 * src/cli/census) and by the browser's compute worker alike. Housing records go in first
 * (`addHousing`), then person records in file order (persons of one household are contiguous in
 * PUMS files, sorted by SERIALNO); `finish` returns the model.
 */
import { NA, SLOTS, UNKNOWN, V } from './features';
import { NETWORK, NETWORK_VERSION, incomeBin, INCOME_LOWER } from './network';
import { MODEL_FORMAT, type CensusModelData, type NodeTables } from './model';
import { firstViolation } from './rules';
import LABELS from './data/labels.json';

/** The person columns the builder reads, in the order of `PersonInput.values`. */
export const PERSON_COLUMNS = [
  'AGEP',
  'SEX',
  'ST',
  'HISP',
  'RAC1P',
  'CIT',
  'SCHL',
  'DIS',
  'MIL',
  'DEAR',
  'DEYE',
  'DREM',
  'LANX',
  'ENG',
  'MAR',
  'FER',
  'ESR',
  'COW',
  'INDP',
  'OCCP',
  'PINCP',
  'HICOV',
] as const;
/** Columns without which a person file is refused. */
export const REQUIRED_PERSON_COLUMNS = ['SERIALNO', 'PWGTP', 'AGEP', 'SEX', 'RAC1P', 'HISP'] as const;
const P = Object.fromEntries(PERSON_COLUMNS.map((c, i) => [c, i])) as Record<(typeof PERSON_COLUMNS)[number], number>;

/** One person record: codes in PERSON_COLUMNS order, NA (-1) for blank, UNKNOWN (-2) for an absent column. */
export interface PersonInput {
  /** SERIALNO, joining the person to a housing record. */
  readonly serial: string;
  /** SPORDER (1 is the householder); 0 when absent. */
  readonly sporder: number;
  /** PWGTP. */
  readonly weight: number;
  /** The codes. */
  readonly values: Int32Array;
  /** ADJINC × 1e-6 when the file has it (PINCP is multiplied by it), else 1. */
  readonly adjinc: number;
}

interface Acc {
  n: number;
  w: number[];
}

/** Options of a build. */
export interface BuilderOptions {
  /** Text for meta.source. */
  readonly source: string;
  /** Smallest record count kept for a row of a non-floor level (default 2): smaller rows add size, not information. */
  readonly minRowRecords?: number;
}

/** Accumulates PUMS records into census model statistics. */
export class CensusModelBuilder {
  readonly #opts: BuilderOptions;
  readonly #housing = new Map<string, number>();
  readonly #domains = NETWORK.map(() => new Map<number, number>());
  readonly #tables = NETWORK.map((node) => node.levels.map(() => new Map<number, Acc>()));
  readonly #income: Map<number, number>[] = INCOME_LOWER.map(() => new Map());
  #household: PersonInput[] = [];
  #records = 0;
  #households = 0;
  #matched = 0;
  #weight = 0;
  #adjinc = false;
  readonly #dropped: Record<string, number> = {};
  readonly #states = new Set<number>();
  readonly #narrow = new Set<number>();
  readonly #v = new Int32Array(SLOTS);

  constructor(opts: BuilderOptions) {
    this.#opts = opts;
  }

  /** Person records kept so far. */
  get records(): number {
    return this.#records;
  }

  /** Housing records read so far. */
  get households(): number {
    return this.#households;
  }

  /** Households whose persons found their housing record (0 with housing given means the files do not match). */
  get matchedHouseholds(): number {
    this.#flush();
    return this.#matched;
  }

  /** Registers a housing record (HHT and HHL codes, NA when blank). Call before its persons. */
  addHousing(serial: string, hht: number, hhl: number): void {
    this.#housing.set(serial, (hht + 2) * 16 + (hhl + 2));
    this.#households++;
  }

  /** Drops the housing records seen so far (call between states to bound memory). */
  forgetHousing(): void {
    this.#flush();
    this.#housing.clear();
  }

  /** Adds one person record. */
  addPerson(p: PersonInput): void {
    const last = this.#household[this.#household.length - 1];
    if (last && last.serial !== p.serial) this.#flush();
    this.#household.push(p);
  }

  #flush(): void {
    const hh = this.#household;
    if (hh.length === 0) return;
    this.#household = [];
    const packed = this.#housing.get(hh[0]!.serial);
    const hht = packed === undefined ? UNKNOWN : (packed >> 4) - 2;
    const hhl = packed === undefined ? UNKNOWN : (packed & 15) - 2;
    if (packed !== undefined) this.#matched++;
    let under5 = false,
      from5 = false;
    const householder = hh.some((p) => p.sporder === 1) ? hh.find((p) => p.sporder === 1) : hh[0];
    for (const p of hh) {
      if (p === householder) continue;
      const a = p.values[P.AGEP] as number;
      if (a < 5) under5 = true;
      else if (a < 18) from5 = true;
    }
    const kids = hht === UNKNOWN ? UNKNOWN : hht === NA ? NA : under5 && from5 ? 3 : under5 ? 1 : from5 ? 2 : 4;
    for (const p of hh) this.#learn(p, hht, hhl, kids);
  }

  #learn(p: PersonInput, hht: number, hhl: number, kids: number): void {
    const x = p.values;
    const g = (c: keyof typeof P) => x[P[c]] as number;
    const v = this.#v;
    v[V.AGEP] = Math.min(99, g('AGEP'));
    v[V.SEX] = g('SEX');
    v[V.ST] = g('ST');
    v[V.HISP] = g('HISP');
    v[V.RAC1P] = g('RAC1P');
    v[V.CIT] = g('CIT');
    v[V.HHT] = hht;
    v[V.KIDS] = kids;
    v[V.HHL] = hhl;
    v[V.SCHL] = g('SCHL');
    v[V.DIS] = g('DIS');
    v[V.MIL] = g('MIL');
    const dear = g('DEAR'),
      deye = g('DEYE'),
      drem = g('DREM');
    v[V.DIFF] = dear === UNKNOWN || deye === UNKNOWN || drem === UNKNOWN ? UNKNOWN : dear * 100 + deye * 10 + Math.max(0, drem);
    const lanx = g('LANX'),
      eng = g('ENG');
    v[V.LANG] = lanx === UNKNOWN || eng === UNKNOWN ? UNKNOWN : lanx < 0 ? NA : lanx === 2 ? 20 : 10 + Math.max(0, eng);
    v[V.MAR] = g('MAR');
    v[V.FER] = g('FER');
    v[V.ESR] = g('ESR');
    v[V.COW] = g('COW');
    v[V.INDP] = g('INDP');
    v[V.OCCP] = g('OCCP');
    const pincp = g('PINCP');
    const income = pincp === UNKNOWN || pincp === NA ? pincp : Math.round(pincp * p.adjinc);
    v[V.PINC] = income === UNKNOWN || income === NA ? income : incomeBin(income);
    v[V.HICOV] = g('HICOV');
    v[V.HHLX] = hhl;
    if (p.adjinc !== 1) this.#adjinc = true;

    const rule = firstViolation(recordCodes(v, x, income));
    if (rule) {
      this.#dropped[rule] = (this.#dropped[rule] ?? 0) + 1;
      return;
    }
    this.#records++;
    this.#weight += p.weight;
    if (v[V.ST]! > 0) this.#states.add(v[V.ST]!);
    if (v[V.ESR] === UNKNOWN && v[V.ST]! > 0) this.#narrow.add(v[V.ST]!);
    const w = p.weight;
    for (let i = 0; i < NETWORK.length; i++) {
      const node = NETWORK[i]!;
      const code = v[node.slot] as number;
      if (code === UNKNOWN || (node.learn && !node.learn(v))) continue;
      const dom = this.#domains[i]!;
      let idx = dom.get(code);
      if (idx === undefined) dom.set(code, (idx = dom.size));
      const tables = this.#tables[i]!;
      for (let l = 0; l < node.levels.length; l++) {
        const cfg = configOf(node.levels[l]!, v);
        if (cfg < 0) continue;
        const t = tables[l]!;
        let acc = t.get(cfg);
        if (!acc) t.set(cfg, (acc = { n: 0, w: [] }));
        acc.n++;
        acc.w[idx] = (acc.w[idx] ?? 0) + w;
      }
    }
    if (income !== UNKNOWN && income !== NA) {
      const m = this.#income[v[V.PINC]!]!;
      m.set(income, (m.get(income) ?? 0) + w);
    }
  }

  /** The model's statistics (without marginals, which `buildModel` adds from the sampler). */
  finishTables(): Omit<CensusModelData, 'marginals'> {
    this.#flush();
    const minN = this.#opts.minRowRecords ?? 2;
    const nodes: Record<string, NodeTables> = {};
    NETWORK.forEach((node, i) => {
      const dom = this.#domains[i]!;
      const codes = [...dom.keys()];
      const order = codes.map((_, k) => k).sort((a, b) => codes[a]! - codes[b]!);
      const remap = new Int32Array(codes.length);
      order.forEach((old, nw) => (remap[old] = nw));
      const levels = this.#tables[i]!.map((t, l) => {
        const floor = l === node.levels.length - 1;
        const flat: number[] = [];
        for (const cfg of [...t.keys()].sort((a, b) => a - b)) {
          const acc = t.get(cfg)!;
          if (!floor && acc.n < minN) continue;
          const pairs: number[] = [];
          acc.w.forEach((wt, k) => {
            if (wt > 0) pairs.push(remap[k]!, Math.round(wt));
          });
          if (pairs.length === 0) continue;
          flat.push(cfg, acc.n, pairs.length / 2, ...pairs);
        }
        return flat;
      });
      nodes[node.name] = { values: order.map((k) => codes[k]!), levels };
    });
    return {
      format: MODEL_FORMAT,
      version: 1,
      network: NETWORK_VERSION,
      meta: {
        source: this.#opts.source,
        records: this.#records,
        dropped: { ...this.#dropped },
        households: this.#households,
        weightedTotal: this.#weight,
        states: [...this.#states].sort((a, b) => a - b),
        narrowStates: [...this.#narrow].sort((a, b) => a - b),
        borrowed: [],
        adjinc: this.#adjinc,
      },
      nodes,
      income: this.#income.map(quantiles),
      labels: labelsFor(nodes),
    };
  }
}

/** Mixed-radix index of a level's parent configuration, or -1 when a parent is absent. */
function configOf(level: readonly { card: number; f: (v: Int32Array) => number }[], v: Int32Array): number {
  let cfg = 0;
  for (const feat of level) {
    const b = feat.f(v);
    if (b < 0) return -1;
    cfg = cfg * feat.card + b;
  }
  return cfg;
}

const Q = 32;
function quantiles(m: Map<number, number>): number[] {
  if (m.size === 0) return [];
  const xs = [...m.entries()].sort((a, b) => a[0] - b[0]);
  const total = xs.reduce((s, [, w]) => s + w, 0);
  const out: number[] = [];
  let cum = 0,
    j = 0;
  for (let q = 0; q <= Q; q++) {
    const target = (q / Q) * total;
    while (j < xs.length - 1 && cum + xs[j]![1] < target) cum += xs[j++]![1];
    out.push(xs[j]![0]);
  }
  out[0] = xs[0]![0];
  out[Q] = xs[xs.length - 1]![0];
  return out;
}

/** The codes of a record for the rule checker (undefined for absent columns). */
function recordCodes(v: Int32Array, x: Int32Array, income: number): Record<string, number | null | undefined> {
  const c = (n: number) => (n === UNKNOWN ? undefined : n === NA ? null : n);
  const g = (k: keyof typeof P) => c(x[P[k]] as number);
  const cit = c(v[V.CIT] as number);
  return {
    AGEP: v[V.AGEP],
    SEX: g('SEX'),
    CIT: cit,
    NATIVITY: cit == null ? cit : cit >= 4 ? 2 : 1,
    SCHL: g('SCHL'),
    MAR: g('MAR'),
    ESR: g('ESR'),
    COW: g('COW'),
    INDP: g('INDP'),
    OCCP: g('OCCP'),
    PINCP: c(income),
    FER: g('FER'),
    MIL: g('MIL'),
    DREM: g('DREM'),
    DEAR: g('DEAR'),
    DEYE: g('DEYE'),
    DIS: g('DIS'),
    LANX: g('LANX'),
    ENG: g('ENG'),
    HHT: c(v[V.HHT] as number),
  };
}

const LABEL_VARS: Readonly<Record<string, readonly string[]>> = {
  SEX: ['SEX'],
  RAC1P: ['RAC1P'],
  HISP: ['HISP'],
  CIT: ['CIT'],
  SCHL: ['SCHL'],
  ESR: ['ESR'],
  COW: ['COW'],
  INDP: ['INDP'],
  OCCP: ['OCCP'],
  MAR: ['MAR'],
  MIL: ['MIL'],
  DIS: ['DIS'],
  HICOV: ['HICOV'],
  FER: ['FER'],
  HHT: ['HHT'],
};
const ALWAYS = ['NATIVITY', 'ENG', 'DEAR', 'DEYE', 'DREM', 'HHT2', 'HHL', 'FPARC', 'LANX', 'POBP', 'ANC1P', 'ST'];

/** The dictionary labels the model's codes (and the procedural fills) need. */
function labelsFor(nodes: Record<string, NodeTables>): Record<string, Record<string, string>> {
  const all = LABELS as Record<string, Record<string, string>>;
  const out: Record<string, Record<string, string>> = {};
  for (const [node, vars] of Object.entries(LABEL_VARS)) {
    for (const name of vars) {
      const codes = nodes[node]?.values ?? [];
      const src = all[name] ?? {};
      const picked: Record<string, string> = {};
      for (const code of codes) if (code >= 0) picked[code] = src[code] ?? `${name} code ${code}`;
      out[name] = picked;
    }
  }
  for (const name of ALWAYS) out[name] = { ...(all[name] ?? {}) };
  return out;
}
