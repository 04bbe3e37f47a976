/**
 * What a WikiPersonas study stores, behind one small interface: the study record and its results
 * by key (question sets, candidates, pairs, prefixes, evaluations), each written as soon as it is
 * made, so a stopped study resumes where it stopped. IndexedDB in the page (src/db/wiki-store.ts),
 * a JSONL log in the CLI's output directory, memory in tests (`MemoryWikiStore`). Model calls are
 * cached apart, in the pipeline's one call cache.
 */
import type { FamousPerson } from './famous';
import type { PrefixKind } from './prefixes';
import type { StudyStep, WikiStudyConfig } from './study';

/** A study as stored. */
export interface WikiStudyRecord {
  /** "wiki-" and a hash of the config and models. */
  readonly id: string;
  /** A name for lists. */
  readonly name: string;
  /** Created, ms since the epoch. */
  readonly createdAt: number;
  /** The configuration. */
  readonly config: WikiStudyConfig;
  /** The people studied, as they were when the study was made (user-added people included). */
  readonly people: readonly FamousPerson[];
  /** The models: "backend:model[@url]" of the generator, of the judge (the second, stronger model) and of a separate reward model (B.2). */
  readonly models: { readonly generator: string; readonly judge: string; readonly reward?: string };
  /** Template versions ("id@hash") the study's calls used. */
  readonly templates: Readonly<Record<string, string>>;
  /** Where it stands. */
  readonly status: 'ready' | 'running' | 'stopped' | 'done' | 'failed';
  /** The steps finished. */
  readonly stepsDone: readonly StudyStep[];
  /** How reward accuracy was measured, once decided (never changes within a study). */
  readonly scoringMethod?: 'logprob' | 'generative';
  /** Why the method is not the one asked for (e.g. the server cannot score given text). */
  readonly scoringNote?: string;
  /** The generic reward filter (B.2), once decided: "backend:model" of the scorer, or "skipped". */
  readonly rewardScorer?: string;
  /** Why the reward filter was skipped (no backend can score a given text). */
  readonly rewardNote?: string;
  /** The judge's server when it is not the generator (base URL without credentials or query, and model), so a reload can resume. */
  readonly judgeServer?: { readonly baseUrl: string; readonly model: string };
  /** The last problem, for people. */
  readonly error?: string;
}

/** A question of a study. */
export interface WikiQuestion {
  /** "q-" and a hash of owner and text. */
  readonly id: string;
  /** The question. */
  readonly text: string;
  /** Personal (one person's) or divergent (an axis's, shared by its people). */
  readonly type: 'personal' | 'divergent';
  /** The person (personal) or axis (divergent) it belongs to. */
  readonly owner: string;
  /** Training or evaluation half. */
  readonly split: 'train' | 'eval';
}

/** One candidate response. */
export interface WikiCandidate {
  /** The response text. */
  readonly text: string;
  /** The axis of its chain of thought (or the question's axis). */
  readonly axis: string;
  /** The category it was written for. */
  readonly category: string;
}

/** A question's candidates and the diverse ones kept. */
export interface CandidateSet {
  /** The question. */
  readonly questionId: string;
  /** Every candidate. */
  readonly candidates: readonly WikiCandidate[];
  /** Indices of the candidates kept (Appendix B.3). */
  readonly kept: readonly number[];
  /** Each candidate's generic reward (mean token log-probability given the question, B.2); absent when the filter did not run. */
  readonly rewards?: readonly number[];
  /** Indices of the reward filter's span (the candidates the diversity filter chose from); absent when it did not run. */
  readonly pool?: readonly number[];
  /** "tfidf" or "embeddings:<model>". */
  readonly method: string;
}

/** One comparison of the single-elimination bracket. */
export interface WikiMatch {
  /** Round, from 1. */
  readonly round: number;
  /** Candidate shown as Output (a). */
  readonly a: number;
  /** Candidate shown as Output (b). */
  readonly b: number;
  /** The winner (a or b). */
  readonly winner: number;
  /** The judge's concise explanation. */
  readonly explanation: string;
}

/** A person's preference pair for a question. */
export interface WikiPair {
  /** The person. */
  readonly personId: string;
  /** The question. */
  readonly questionId: string;
  /** Its text. */
  readonly question: string;
  /** Personal or divergent. */
  readonly type: WikiQuestion['type'];
  /** Train or eval. */
  readonly split: WikiQuestion['split'];
  /** The axis (divergent questions). */
  readonly axis?: string;
  /** The winner of the final. */
  readonly yw: string;
  /** The loser of the final. */
  readonly yl: string;
  /** Candidate indices of y_w and y_l. */
  readonly ywIndex: number;
  readonly ylIndex: number;
  /** The bracket's comparisons, in order. */
  readonly matches: readonly WikiMatch[];
}

/** A person's prefix. */
export interface WikiPrefix {
  /** The person. */
  readonly personId: string;
  /** The condition. */
  readonly kind: PrefixKind;
  /** The text ("" for none and random). */
  readonly text: string;
  /** Whitespace-delimited words. */
  readonly words: number;
  /** The model that wrote it, for inferred ones. */
  readonly model?: string;
}

/** One reward-accuracy judgement (Eq. 3) of a pair under a prefix. */
export interface WikiReward {
  /** The person. */
  readonly personId: string;
  /** The prefix. */
  readonly kind: PrefixKind;
  /** The pair's question. */
  readonly questionId: string;
  /** Personal or divergent. */
  readonly type: WikiQuestion['type'];
  /** How it was measured. */
  readonly method: 'logprob' | 'generative' | 'random';
  /** 1 when y_w is preferred, 0 when not; 0.5 when the two orders of the generative variant disagree. */
  readonly correct: number;
  /** Mean token log-probabilities of y_w and y_l (logprob). */
  readonly logprobs?: { readonly yw: number; readonly yl: number };
}

/** One generation win-rate comparison (Table 3). */
export interface WikiWin {
  /** The person. */
  readonly personId: string;
  /** The question. */
  readonly questionId: string;
  /** The two conditions compared. */
  readonly a: PrefixKind;
  readonly b: PrefixKind;
  /** The condition whose response the judge preferred. */
  readonly winner: PrefixKind;
}

/** Every kind of stored value, by key prefix. */
export interface WikiValues {
  questions: readonly WikiQuestion[];
  candidates: CandidateSet;
  pair: WikiPair;
  prefix: WikiPrefix;
  reward: WikiReward;
  response: { readonly text: string };
  win: WikiWin;
  /** A scored text (the log-probabilities of `LlmClient.score`), stored so a resumed study does not ask again. */
  score: { readonly tokens: number; readonly sumLogprob: number; readonly meanLogprob: number };
  failure: { readonly error: string; readonly round: number };
}

/** A stored value's kind. */
export type WikiKind = keyof WikiValues;

/** Persistence of studies. */
export interface WikiStore {
  /** A study. */
  getStudy(id: string): Promise<WikiStudyRecord | undefined>;
  /** Every study, newest first. */
  listStudies(): Promise<WikiStudyRecord[]>;
  /** Writes a study record. */
  putStudy(study: WikiStudyRecord): Promise<void>;
  /** Deletes a study and its values. */
  deleteStudy(id: string): Promise<void>;
  /** A value, or undefined. */
  get<K extends WikiKind>(studyId: string, kind: K, key: string): Promise<WikiValues[K] | undefined>;
  /** Writes a value (replacing one with the same kind and key). */
  put<K extends WikiKind>(studyId: string, kind: K, key: string, value: WikiValues[K]): Promise<void>;
  /** Removes a value. */
  remove(studyId: string, kind: WikiKind, key: string): Promise<void>;
  /** Every value of a kind, in key order. */
  list<K extends WikiKind>(studyId: string, kind: K): Promise<WikiValues[K][]>;
  /** Every key and value of a kind, in key order (a run reads its failures and scores once, not one by one). */
  entries<K extends WikiKind>(studyId: string, kind: K): Promise<(readonly [string, WikiValues[K]])[]>;
}

/** A `WikiStore` in memory (tests and the CLI's in-process use). */
export class MemoryWikiStore implements WikiStore {
  readonly studies = new Map<string, WikiStudyRecord>();
  readonly values = new Map<string, unknown>();

  async getStudy(id: string) {
    return this.studies.get(id);
  }
  async listStudies() {
    return [...this.studies.values()].sort((a, b) => b.createdAt - a.createdAt);
  }
  async putStudy(study: WikiStudyRecord) {
    this.studies.set(study.id, study);
  }
  async deleteStudy(id: string) {
    this.studies.delete(id);
    for (const k of [...this.values.keys()]) if (k.startsWith(`${id}\u0000`)) this.values.delete(k);
  }
  async get<K extends WikiKind>(studyId: string, kind: K, key: string) {
    return this.values.get(`${studyId}\u0000${kind}\u0000${key}`) as WikiValues[K] | undefined;
  }
  async put<K extends WikiKind>(studyId: string, kind: K, key: string, value: WikiValues[K]) {
    this.values.set(`${studyId}\u0000${kind}\u0000${key}`, value);
  }
  async remove(studyId: string, kind: WikiKind, key: string) {
    this.values.delete(`${studyId}\u0000${kind}\u0000${key}`);
  }
  async list<K extends WikiKind>(studyId: string, kind: K) {
    return (await this.entries(studyId, kind)).map(([, v]) => v);
  }
  async entries<K extends WikiKind>(studyId: string, kind: K) {
    const prefix = `${studyId}\u0000${kind}\u0000`;
    return [...this.values.keys()]
      .filter((k) => k.startsWith(prefix))
      .sort()
      .map((k) => [k.slice(prefix.length), this.values.get(k) as WikiValues[K]] as const);
  }
}
