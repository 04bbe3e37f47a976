/**
 * A WikiPersonas study's configuration: who, how many questions, how candidates are drawn and
 * judged, which prefixes, and how they are evaluated; the paper's recipe (`PAPER_STUDY`) and a
 * size a browser holds (`LAPTOP_STUDY`); and the size of each step before it runs.
 */
import type { SamplingOptions } from '../llm/types';
import { studyPrefixKinds, type PrefixKind } from './prefixes';

/** How reward accuracy is measured: mean token log-probability (Eq. 3), the model choosing between y_w and y_l, or decided by what the backend offers. */
type ScoringMode = 'auto' | 'logprob' | 'generative';

/** Where candidate embeddings come from: the backend's `/embeddings` when it has one ("auto"), only the server, or TF-IDF vectors. */
type EmbeddingMode = 'auto' | 'server' | 'tfidf';

/** How a prompt is laid out as raw text for log-probability scoring (the model's chat template). */
export type ScoreFormat = 'plain' | 'chatml' | 'zephyr' | 'llama3';

/** The study's steps, in order. */
export const STUDY_STEPS = ['questions', 'pairs', 'prefixes', 'evaluation'] as const;

/** One step. */
export type StudyStep = (typeof STUDY_STEPS)[number];

/** Everything that decides a study's calls (its id hashes this). */
export interface WikiStudyConfig {
  /** Seed of every random choice and of the request seeds. */
  readonly seed: number;
  /** Ids of the people studied (famous or the user's own). */
  readonly people: readonly string[];
  /** Personal questions per person (paper 100). */
  readonly personalPerPerson: number;
  /** Divergent questions per axis (paper 100). */
  readonly divergentPerAxis: number;
  /** Questions asked for in one call (paper 20). */
  readonly questionsPerCall: number;
  /** Chains of thought per personal question (paper 5). */
  readonly cots: number;
  /** Responses per chain of thought (paper 10, so 50 candidates). */
  readonly responsesPerCot: number;
  /**
   * Candidates kept by the generic reward filter (Appendix B.2: the span of this many with the
   * smallest reward range, paper 20 of 50) before the diversity filter; 0 turns it off.
   */
  readonly rewardPool: number;
  /** Candidates kept by the diversity filter (paper 4). */
  readonly keep: number;
  /** Comparisons per judge call (paper 5). */
  readonly judgeBatch: number;
  /** The prefixes evaluated. */
  readonly prefixes: readonly PrefixKind[];
  /** Training pairs in the few-shot prefix (paper 2). */
  readonly fewShot: number;
  /** Training pairs the personas are inferred from (paper 4). */
  readonly personaShots: number;
  /** Reward accuracy by log-probability, generatively, or whichever the backend allows. */
  readonly scoring: ScoringMode;
  /** Chat layout for log-probability scoring. */
  readonly scoreFormat: ScoreFormat;
  /** Where embeddings come from. */
  readonly embeddings: EmbeddingMode;
  /** The embedding model on the server (default: the generator's model). */
  readonly embedModel?: string;
  /** Conditions of the generation win rates (Table 3: none and persona-strong); empty skips them. */
  readonly winRate: readonly PrefixKind[];
  /** Evaluation questions per person for the win rates (paper 2: one personal, one divergent). */
  readonly winQuestions: number;
  /** Sampling of the candidates (paper: temperature 2.0, top_p 0.8, 512 tokens). */
  readonly candidateSampling: SamplingOptions;
  /** Sampling of every other call (paper: temperature 1, top_p 1, 512 tokens). */
  readonly sampling: SamplingOptions;
  /** Parse attempts per call before an item fails. */
  readonly maxAttempts: number;
}

/** The paper's recipe (§3.3, Appendices B and G), all eight prefixes. */
export const PAPER_STUDY: Omit<WikiStudyConfig, 'people'> = {
  seed: 1,
  personalPerPerson: 100,
  divergentPerAxis: 100,
  questionsPerCall: 20,
  cots: 5,
  responsesPerCot: 10,
  rewardPool: 20,
  keep: 4,
  judgeBatch: 5,
  prefixes: ['none', 'random', 'tag', 'few-shot', 'persona', 'persona-strong', 'persona-gold', 'name'],
  fewShot: 2,
  personaShots: 4,
  scoring: 'auto',
  scoreFormat: 'plain',
  embeddings: 'auto',
  winRate: ['none', 'persona-strong'],
  winQuestions: 2,
  candidateSampling: { temperature: 2, top_p: 0.8, max_tokens: 512 },
  sampling: { temperature: 1, top_p: 1, max_tokens: 512 },
  maxAttempts: 3,
};

/**
 * The default of the page and the CLI: the paper's recipe (50 candidates, the reward and diversity
 * filters, the judge's bracket, all eight prefixes, Table 3's none vs persona-strong) at a small
 * size: 2 personal questions per person and 2 divergent per axis (the paper: 100 and 100).
 */
export const DEFAULT_STUDY: Omit<WikiStudyConfig, 'people'> = {
  ...PAPER_STUDY,
  personalPerPerson: 2,
  divergentPerAxis: 2,
};

/**
 * A faster variant a laptop finishes in an evening, and what it trades away: 8 candidates per
 * question instead of 50 (2 chains × 4 responses; y_w and y_l are chosen from fewer, less diverse
 * answers), the reward filter keeping 6 of 8, three prefixes instead of eight (none, persona,
 * persona gold), and win rates of none against persona gold instead of persona-strong.
 */
export const LAPTOP_STUDY: Omit<WikiStudyConfig, 'people'> = {
  ...DEFAULT_STUDY,
  questionsPerCall: 10,
  cots: 2,
  responsesPerCot: 4,
  rewardPool: 6,
  prefixes: ['none', 'persona', 'persona-gold'],
  winRate: ['none', 'persona-gold'],
};

/** What the laptop variant trades away, for the page and the CLI's help. */
export const LAPTOP_TRADES =
  '8 candidates per question instead of 50 (pairs chosen from fewer, less diverse answers), 3 of the 8 prefixes, win rates against persona gold instead of persona-strong';

/** The size of one step. */
export interface StepSize {
  /** The step. */
  readonly step: StudyStep;
  /** Model calls (generation and judging). */
  readonly calls: number;
  /** Scoring or embedding requests (no generation). */
  readonly scoreCalls: number;
  /** Tokens to generate, roughly. */
  readonly tokens: number;
}

/** What the estimate needs to know about the people and the backends. */
export interface EstimateInput {
  /** The config. */
  readonly config: WikiStudyConfig;
  /** Axes per studied person. */
  readonly axesOf: (personId: string) => readonly string[];
  /** Whether the generator can score a given text (reward accuracy by log-probability); default true. */
  readonly canScore?: boolean;
  /** Whether a backend can score the candidates for the reward filter (B.2); default `canScore`. */
  readonly canReward?: boolean;
  /** Whether candidate embeddings come from a server (one `/embeddings` request per question); default false. */
  readonly serverEmbeddings?: boolean;
  /** Whether the reward filter scores with the generator (then the no-prefix log-probabilities of y_w and y_l are already stored); default true. */
  readonly rewardByGenerator?: boolean;
}

/** Training half of n questions (`splitHalves`). */
const trainHalf = (n: number) => Math.floor(n / 2);

/**
 * Pairs a person gets: their personal questions and their axes' divergent ones; a person of
 * several axes keeps one axis' worth of divergent training questions (Appendix E.1) and every
 * divergent evaluation question.
 */
function pairsPerPerson(c: WikiStudyConfig, axes: number): { readonly train: number; readonly eval: number } {
  const d = c.divergentPerAxis;
  const personal = c.personalPerPerson;
  return {
    train: trainHalf(personal) + (axes === 0 ? 0 : trainHalf(d)),
    eval: personal - trainHalf(personal) + axes * (d - trainHalf(d)),
  };
}

/**
 * The size of every step before anything runs, following the runner's arithmetic: exact when every
 * output is readable and no candidate repeats another (an upper bound for the divergent candidates
 * of people on several axes, whose training questions are drawn).
 */
export function estimateStudy({
  config: c,
  axesOf,
  canScore = true,
  canReward = canScore,
  serverEmbeddings = false,
  rewardByGenerator = true,
}: EstimateInput): StepSize[] {
  const axes = new Set(c.people.flatMap(axesOf));
  const batches = (n: number) => (n > 0 ? Math.ceil(n / Math.max(1, c.questionsPerCall)) : 0);
  const qCalls = c.people.length * batches(c.personalPerPerson) + axes.size * batches(c.divergentPerAxis);
  const qTokens = (c.people.length * c.personalPerPerson + axes.size * c.divergentPerAxis) * 35;

  const personalQ = c.people.length * c.personalPerPerson;
  const divergentQ = axes.size * c.divergentPerAxis;
  const questions = personalQ + divergentQ;
  const made = c.cots * c.responsesPerCot;
  const candCalls = personalQ * (c.cots + made) + divergentQ * made;
  const rewarded = canReward && c.rewardPool > 0 && made > c.rewardPool;
  const pool = rewarded ? c.rewardPool : made;
  const kept = Math.min(c.keep, pool);
  const respTokens = Math.min(c.candidateSampling.max_tokens ?? 512, 350);
  const batch = Math.max(1, c.judgeBatch);
  let judgeCalls = 0;
  let comparisons = 0;
  for (const id of c.people) {
    const n = pairsPerPerson(c, axesOf(id).length);
    const nq = n.train + n.eval;
    for (let alive = kept; alive > 1; alive = Math.ceil(alive / 2)) {
      const m = nq * Math.floor(alive / 2);
      comparisons += m;
      judgeCalls += Math.ceil(m / batch);
    }
  }
  const pairScores = (rewarded ? questions * made + 1 : 0) + (serverEmbeddings && pool > c.keep ? questions : 0);

  const kinds = studyPrefixKinds(c);
  const perPerson = kinds.filter((k) => k === 'persona' || k === 'persona-strong' || k === 'persona-gold').length;
  const prefixCalls = c.people.length * perPerson;

  const scored = c.prefixes.filter((p) => p !== 'random').length;
  const evalOf = (id: string) => pairsPerPerson(c, axesOf(id).length).eval;
  const evalPairs = c.people.reduce((n, id) => n + evalOf(id), 0);
  const rewards = scored * evalPairs;
  const logprob = canScore && c.scoring !== 'generative';
  // π(y | x) without a prefix is the reward filter's own score when the generator gave it.
  const reused = logprob && rewarded && rewardByGenerator && c.prefixes.includes('none') ? 2 * evalPairs : 0;
  const win = c.winRate.filter((p) => p !== 'random');
  let winGen = 0;
  let winCmp = 0;
  let winCalls = 0;
  if (win.length > 1) {
    for (const id of c.people) {
      const q = Math.min(c.winQuestions, evalOf(id));
      const cmp = (q * win.length * (win.length - 1)) / 2;
      winGen += q * win.length;
      winCmp += cmp;
      winCalls += Math.ceil(cmp / batch);
    }
  }
  return [
    { step: 'questions', calls: qCalls, scoreCalls: 0, tokens: qTokens },
    { step: 'pairs', calls: candCalls + judgeCalls, scoreCalls: pairScores, tokens: candCalls * respTokens + comparisons * 80 },
    { step: 'prefixes', calls: prefixCalls, scoreCalls: 0, tokens: prefixCalls * 260 },
    {
      step: 'evaluation',
      calls: (logprob ? 0 : rewards * 2) + winGen + winCalls,
      scoreCalls: logprob ? rewards * 2 + 1 - reused : 0,
      tokens: (logprob ? 0 : rewards * 2 * 30) + winGen * respTokens + winCmp * 80,
    },
  ];
}
