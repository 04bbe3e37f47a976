/**
 * A WikiPersonas study's configuration: who, how many questions, how candidates are drawn and
 * judged, which prefixes, and how they are evaluated; the paper's recipe (`PAPER_STUDY`) and a
 * size a browser holds (`LAPTOP_STUDY`); and the size of each step before it runs.
 */
import type { SamplingOptions } from '../llm/types';
import type { PrefixKind } from './prefixes';

/** How reward accuracy is measured: mean token log-probability (Eq. 3), the model choosing between y_w and y_l, or decided by what the backend offers. */
export type ScoringMode = 'auto' | 'logprob' | 'generative';

/** Where candidate embeddings come from: the backend's `/embeddings` when it has one ("auto"), only the server, or TF-IDF vectors. */
export type EmbeddingMode = 'auto' | 'server' | 'tfidf';

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

/** A size a laptop finishes in an evening: 4 questions per person, 8 candidates per question, three prefixes. */
export const LAPTOP_STUDY: Omit<WikiStudyConfig, 'people'> = {
  ...PAPER_STUDY,
  personalPerPerson: 2,
  divergentPerAxis: 2,
  questionsPerCall: 10,
  cots: 2,
  responsesPerCot: 4,
  prefixes: ['none', 'persona', 'persona-gold'],
  winRate: ['none', 'persona-gold'],
};

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

/** What the estimate needs to know about the people: their axes, and every member of those axes in the set. */
export interface EstimateInput {
  /** The config. */
  readonly config: WikiStudyConfig;
  /** Axes per studied person. */
  readonly axesOf: (personId: string) => readonly string[];
}

/** The size of every step, before anything runs (the same arithmetic the runner follows). */
export function estimateStudy({ config: c, axesOf }: EstimateInput): StepSize[] {
  const axes = new Set(c.people.flatMap(axesOf));
  const batches = (n: number) => Math.ceil(n / Math.max(1, c.questionsPerCall));
  const qCalls = c.people.length * batches(c.personalPerPerson) + axes.size * batches(c.divergentPerAxis);
  const qTokens = (c.people.length * c.personalPerPerson + axes.size * c.divergentPerAxis) * 35;
  const personalQ = c.people.length * c.personalPerPerson;
  const divergentQ = axes.size * c.divergentPerAxis;
  const candidates = c.cots * c.responsesPerCot;
  const candCalls = personalQ * (c.cots + candidates) + divergentQ * candidates;
  const respTokens = Math.min(c.candidateSampling.max_tokens ?? 512, 350);
  const pairsPerPerson = (id: string) => c.personalPerPerson + axesOf(id).length * c.divergentPerAxis;
  const pairs = c.people.reduce((n, id) => n + pairsPerPerson(id), 0);
  const kept = Math.min(c.keep, candidates);
  const comparisons = pairs * Math.max(0, kept - 1);
  const rounds = Math.ceil(Math.log2(Math.max(2, kept)));
  const judgeCalls = c.people.reduce((n, id) => n + rounds * Math.ceil((pairsPerPerson(id) * (kept / 2)) / Math.max(1, c.judgeBatch)), 0);
  const inferred = c.prefixes.filter((p) => p === 'persona' || p === 'persona-strong').length;
  const gold = c.prefixes.some((p) => p === 'persona-gold' || p === 'persona' || p === 'persona-strong' || p === 'few-shot') ? 1 : 0;
  const prefixCalls = c.people.length * (inferred + gold);
  const evalPairs = c.people.reduce((n, id) => n + Math.floor(pairsPerPerson(id) / 2), 0);
  const scored = c.prefixes.filter((p) => p !== 'random').length * evalPairs;
  const generative = c.scoring === 'generative';
  const win = c.winRate.filter((p) => p !== 'random');
  const winGen = c.people.length * Math.min(c.winQuestions, 1e9) * win.length;
  const winCmp = c.people.length * c.winQuestions * ((win.length * (win.length - 1)) / 2);
  return [
    { step: 'questions', calls: qCalls, scoreCalls: 0, tokens: qTokens },
    {
      step: 'pairs',
      calls: candCalls + judgeCalls,
      scoreCalls: candidates > kept ? personalQ + divergentQ : 0,
      tokens: candCalls * respTokens + comparisons * 80,
    },
    { step: 'prefixes', calls: prefixCalls, scoreCalls: 0, tokens: prefixCalls * 260 },
    {
      step: 'evaluation',
      calls: (generative ? scored * 2 : 0) + winGen + Math.ceil(winCmp / Math.max(1, c.judgeBatch)),
      scoreCalls: generative ? 0 : scored * 2,
      tokens: (generative ? scored * 2 * 30 : 0) + winGen * respTokens + winCmp * 80,
    },
  ];
}

/** Seconds a step takes at `tokensPerSecond` of generation plus `secondsPerCall` of overhead per request. */
export function stepSeconds(size: StepSize, tokensPerSecond: number, secondsPerCall = 0.5): number {
  return size.tokens / Math.max(0.1, tokensPerSecond) + (size.calls + size.scoreCalls) * secondsPerCall;
}
