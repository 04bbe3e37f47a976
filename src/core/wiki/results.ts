/**
 * A study's tables: reward accuracy by prefix and question type (Figure 3), per axis (with Table 9's
 * agreement among an axis' people) and per person sorted (Figure 6 in spirit), the generation
 * win-rate matrix with Wilson intervals (Table 3), and prefix quality: ROUGE-1 and ROUGE-L of each
 * inferred prefix against the person's persona gold and against a random other person's gold, with
 * word counts (Table 2). Reward accuracy is reported per method, never mixing two in one table.
 */
import { wilson, type Rate } from '../stats/bias';
import { Rng } from '../random';
import type { FamousPerson } from './famous';
import { PREFIX_KINDS, type PrefixKind } from './prefixes';
import { rouge } from './rouge';
import type { WikiPair, WikiPrefix, WikiReward, WikiStudyRecord, WikiWin } from './store';

/** Mean and sample standard deviation (null below two values). */
export interface MeanSd {
  /** The mean; null with no value. */
  readonly mean: number | null;
  /** The standard deviation (n − 1); null with fewer than two values. */
  readonly sd: number | null;
  /** Values. */
  readonly n: number;
}

/** Mean and standard deviation of values. */
function meanSd(values: readonly number[]): MeanSd {
  const n = values.length;
  if (n === 0) return { mean: null, sd: null, n };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : null;
  return { mean, sd, n };
}

/** Reward accuracy of one prefix: overall, personal and divergent. */
interface AccuracyRow {
  /** The prefix. */
  readonly kind: PrefixKind;
  /** All evaluation pairs. */
  readonly all: MeanSd;
  /** Personal questions. */
  readonly personal: MeanSd;
  /** Divergent questions. */
  readonly divergent: MeanSd;
}

/** One table of reward accuracy, for one method. */
interface AccuracyTable {
  /** "logprob" or "generative" (the random baseline rows are added to either). */
  readonly method: 'logprob' | 'generative';
  /** Rows in prefix order. */
  readonly rows: readonly AccuracyRow[];
}

function accuracyRows(rewards: readonly WikiReward[]): AccuracyRow[] {
  return PREFIX_KINDS.flatMap((kind) => {
    const mine = rewards.filter((r) => r.kind === kind);
    if (!mine.length) return [];
    const v = (t?: string) => mine.filter((r) => !t || r.type === t).map((r) => r.correct);
    return [{ kind, all: meanSd(v()), personal: meanSd(v('personal')), divergent: meanSd(v('divergent')) }];
  });
}

/** Reward accuracy tables, one per method found (random rows join each). */
function accuracyTables(rewards: readonly WikiReward[]): AccuracyTable[] {
  const random = rewards.filter((r) => r.method === 'random');
  return (['logprob', 'generative'] as const).flatMap((method) => {
    const mine = rewards.filter((r) => r.method === method);
    return mine.length ? [{ method, rows: accuracyRows([...mine, ...random]) }] : [];
  });
}

/** A person's accuracy per prefix, for the sorted per-person chart. */
interface PersonAccuracy {
  /** The person. */
  readonly personId: string;
  /** Their name. */
  readonly name: string;
  /** Mean accuracy per prefix (null where none). */
  readonly byPrefix: Readonly<Partial<Record<PrefixKind, number>>>;
}

/** Accuracy per person and prefix, sorted by the first prefix's accuracy (ascending: the least served first). */
function perPerson(rewards: readonly WikiReward[], people: readonly FamousPerson[], method: 'logprob' | 'generative'): PersonAccuracy[] {
  const kinds = PREFIX_KINDS.filter((k) => rewards.some((r) => r.kind === k));
  const rows = people.map((p) => {
    const byPrefix: Partial<Record<PrefixKind, number>> = {};
    for (const k of kinds) {
      const m = meanSd(
        rewards.filter((r) => r.personId === p.id && r.kind === k && (r.method === method || r.method === 'random')).map((r) => r.correct),
      ).mean;
      if (m !== null) byPrefix[k] = m;
    }
    return { personId: p.id, name: p.name, byPrefix };
  });
  const key = kinds.find((k) => k !== 'random');
  return key ? rows.sort((a, b) => (a.byPrefix[key] ?? -1) - (b.byPrefix[key] ?? -1)) : rows;
}

/** Per axis: Table 9's agreement and the reward accuracy of each prefix on the axis' divergent questions. */
interface AxisRow {
  /** The axis. */
  readonly axis: string;
  /** Number of people of the axis preferring each chosen y_w, over the axis' divergent questions (Table 9: lower = less agreement). */
  readonly agreement: MeanSd;
  /** Mean reward accuracy per prefix on the axis' divergent pairs. */
  readonly accuracy: Readonly<Partial<Record<PrefixKind, number>>>;
}

/** The per-axis table. */
function perAxis(pairs: readonly WikiPair[], rewards: readonly WikiReward[], method: 'logprob' | 'generative'): AxisRow[] {
  const axes = [...new Set(pairs.flatMap((p) => (p.axis ? [p.axis] : [])))];
  return axes.map((axis) => {
    const mine = pairs.filter((p) => p.axis === axis);
    const counts: number[] = [];
    for (const q of new Set(mine.map((p) => p.questionId))) {
      const tally = new Map<number, number>();
      for (const p of mine.filter((x) => x.questionId === q)) tally.set(p.ywIndex, (tally.get(p.ywIndex) ?? 0) + 1);
      counts.push(...tally.values());
    }
    const qids = new Set(mine.map((p) => p.questionId));
    const accuracy: Partial<Record<PrefixKind, number>> = {};
    for (const k of PREFIX_KINDS) {
      const m = meanSd(
        rewards
          .filter((r) => r.kind === k && qids.has(r.questionId) && (r.method === method || r.method === 'random'))
          .map((r) => r.correct),
      ).mean;
      if (m !== null) accuracy[k] = m;
    }
    return { axis, agreement: meanSd(counts), accuracy };
  });
}

/** The win-rate matrix: `cells[i][j]` is how often condition i's response beat condition j's. */
interface WinMatrix {
  /** Conditions in order. */
  readonly kinds: readonly PrefixKind[];
  /** Rates with Wilson 95% intervals; null on the diagonal. */
  readonly cells: readonly (readonly (Rate | null)[])[];
  /** Each condition's mean win rate against the others (the table's "Avg."). */
  readonly average: readonly (number | null)[];
}

/** The matrix from the stored comparisons. */
function winMatrix(wins: readonly WikiWin[], kinds: readonly PrefixKind[]): WinMatrix {
  const cells = kinds.map((ki) =>
    kinds.map((kj) => {
      if (ki === kj) return null;
      const mine = wins.filter((w) => (w.a === ki && w.b === kj) || (w.a === kj && w.b === ki));
      return wilson(mine.filter((w) => w.winner === ki).length, mine.length);
    }),
  );
  const average = cells.map((row) => meanSd(row.flatMap((c) => (c?.rate !== null && c?.rate !== undefined ? [c.rate] : []))).mean);
  return { kinds, cells, average };
}

/** Table 2: prefix quality against persona gold. */
interface PrefixQualityRow {
  /** The prefix. */
  readonly kind: PrefixKind;
  /** ROUGE-1 F1 against the person's own gold. */
  readonly rouge1: MeanSd;
  /** ROUGE-L F1 against the person's own gold. */
  readonly rougeL: MeanSd;
  /** ROUGE-1 F1 against a random other person's gold. */
  readonly rouge1Random: MeanSd;
  /** Words. */
  readonly words: MeanSd;
}

/** Prefix quality of the text prefixes (few-shot, persona, persona-strong, persona-gold). */
function prefixQuality(prefixes: readonly WikiPrefix[], seed: number): PrefixQualityRow[] {
  const gold = new Map(prefixes.filter((p) => p.kind === 'persona-gold').map((p) => [p.personId, p.text]));
  const goldIds = [...gold.keys()].sort();
  const kinds: PrefixKind[] = ['few-shot', 'persona', 'persona-strong', 'persona-gold'];
  return kinds.flatMap((kind) => {
    const mine = prefixes.filter((p) => p.kind === kind);
    if (!mine.length) return [];
    const r1: number[] = [];
    const rl: number[] = [];
    const rr: number[] = [];
    for (const p of mine) {
      const own = gold.get(p.personId);
      if (own === undefined) continue;
      r1.push(rouge(p.text, own, 'rouge1').f1);
      rl.push(rouge(p.text, own, 'rougeL').f1);
      const others = goldIds.filter((id) => id !== p.personId);
      if (others.length) rr.push(rouge(p.text, gold.get(new Rng(`${seed}/random-gold/${p.personId}/${kind}`).pick(others))!, 'rouge1').f1);
    }
    return [{ kind, rouge1: meanSd(r1), rougeL: meanSd(rl), rouge1Random: meanSd(rr), words: meanSd(mine.map((p) => p.words)) }];
  });
}

/** Everything the page and `results.json` show. */
export interface StudyResults {
  /** Counts of what is stored. */
  readonly counts: {
    readonly questions: number;
    readonly pairs: number;
    readonly trainPairs: number;
    readonly evalPairs: number;
    readonly prefixes: number;
    readonly rewards: number;
    readonly wins: number;
    readonly failures: number;
  };
  /** The method of the study's reward accuracy, and why when it is not the one asked for. */
  readonly scoring: { readonly method: 'logprob' | 'generative' | null; readonly note?: string };
  /** Reward accuracy tables. */
  readonly accuracy: readonly AccuracyTable[];
  /** Per person, sorted. */
  readonly perPerson: readonly PersonAccuracy[];
  /** Per axis. */
  readonly perAxis: readonly AxisRow[];
  /** Table 3. */
  readonly winRates: WinMatrix | null;
  /** Table 2. */
  readonly prefixQuality: readonly PrefixQualityRow[];
  /** How candidates were clustered, with counts ("tfidf": 12, …). */
  readonly diversity: Readonly<Record<string, number>>;
  /** The generic reward filter (B.2): its scorer ("backend:model", "skipped", or null before it was needed), why it was skipped, and the questions it filtered. */
  readonly rewardFilter: { readonly scorer: string | null; readonly note?: string; readonly questions: number };
}

/** What `summarise` reads from a store. */
interface StudyData {
  readonly study: WikiStudyRecord;
  readonly questions: number;
  readonly candidateMethods: readonly string[];
  /** Candidate sets the reward filter narrowed. */
  readonly rewardFiltered?: number;
  readonly pairs: readonly WikiPair[];
  readonly prefixes: readonly WikiPrefix[];
  readonly rewards: readonly WikiReward[];
  readonly wins: readonly WikiWin[];
  readonly failures: number;
}

/** The study's results. */
function summarise(d: StudyData): StudyResults {
  const method = d.study.scoringMethod ?? null;
  const diversity: Record<string, number> = {};
  for (const m of d.candidateMethods) diversity[m] = (diversity[m] ?? 0) + 1;
  const win = d.study.config.winRate.filter((k) => k !== 'random');
  return {
    counts: {
      questions: d.questions,
      pairs: d.pairs.length,
      trainPairs: d.pairs.filter((p) => p.split === 'train').length,
      evalPairs: d.pairs.filter((p) => p.split === 'eval').length,
      prefixes: d.prefixes.length,
      rewards: d.rewards.length,
      wins: d.wins.length,
      failures: d.failures,
    },
    scoring: { method, ...(d.study.scoringNote ? { note: d.study.scoringNote } : {}) },
    accuracy: accuracyTables(d.rewards),
    perPerson: method ? perPerson(d.rewards, d.study.people, method) : [],
    perAxis: method ? perAxis(d.pairs, d.rewards, method) : [],
    winRates: win.length > 1 && d.wins.length ? winMatrix(d.wins, win) : null,
    prefixQuality: prefixQuality(d.prefixes, d.study.config.seed),
    diversity,
    rewardFilter: {
      scorer: d.study.rewardScorer ?? null,
      ...(d.study.rewardNote ? { note: d.study.rewardNote } : {}),
      questions: d.rewardFiltered ?? 0,
    },
  };
}

/** Reads a study's data from a store and summarises it. */
export async function studyResults(store: import('./store').WikiStore, study: WikiStudyRecord): Promise<StudyResults> {
  const id = study.id;
  const [qsets, cands, pairs, prefixes, rewards, wins, failures] = await Promise.all([
    store.list(id, 'questions'),
    store.list(id, 'candidates'),
    store.list(id, 'pair'),
    store.list(id, 'prefix'),
    store.list(id, 'reward'),
    store.list(id, 'win'),
    store.list(id, 'failure'),
  ]);
  return summarise({
    study,
    questions: qsets.reduce((n, s) => n + s.length, 0),
    candidateMethods: cands.map((c) => c.method),
    rewardFiltered: cands.filter((c) => c.pool !== undefined).length,
    pairs,
    prefixes,
    rewards,
    wins,
    failures: failures.length,
  });
}
