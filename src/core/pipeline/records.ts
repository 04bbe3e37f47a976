/**
 * What a run stores: the run record (config, manifest, inputs, counters) and one item per y_l slot
 * and per pair, each stage with its status, parsed output and every attempt's raw output.
 */
import type { PromptItem } from '../prompts/types';
import type { StageFailureKind } from './call';
import type { RunConfig, RunPersona } from './config';
import type { AttemptRecord } from './context';
import type { Critique, Revision, Verdict } from './parsers';
import type { BaseAnswer } from './stages';
import type { FixedPair } from './plan';
import type { ServerChange } from './edit-server';

/** Which part of a persona's sample a pair belongs to. */
export type PairSplit = 'train' | 'seen-test' | 'heldout-test';

/** Where a stage stands. "waiting": its call is in a batch file awaiting the output. */
export type StageStatus = 'pending' | 'done' | 'failed' | 'waiting';

/** One stage of one item. */
export interface StageState<T = unknown> {
  /** Where it stands. */
  readonly status: StageStatus;
  /** Every attempt, raw outputs included, oldest first (one entry per call key). */
  readonly attempts: readonly AttemptRecord[];
  /** The parsed output when done. */
  readonly output?: T;
  /** What went wrong when failed. */
  readonly error?: string;
  /**
   * Why it failed: "unparseable" (attempts spent), "truncated" (still cut off at the token limit with a
   * larger budget), "rejected" (the backend refused the request as it is: context overflow, invalid
   * request, grammar) or "llm-error" (another backend failure). Only "llm-error" is tried again on resume.
   */
  readonly failure?: StageFailureKind;
}

/** An item's overall state. */
export type ItemStatus = 'pending' | 'done' | 'failed' | 'waiting';

/** A y_l slot ("yl") or a pair ("pair"). */
export interface RunItem {
  /** `${runId}:yl:${promptId}:${sampleIndex}` or `${runId}:pair:${personaId}:${promptId}`. */
  readonly id: string;
  /** The run. */
  readonly runId: string;
  /** Slot or pair. */
  readonly kind: 'yl' | 'pair';
  /** Position in the plan (pairs and slots numbered separately). */
  readonly seq: number;
  /** The prompt. */
  readonly promptId: string;
  /** The y_l sample index. */
  readonly sampleIndex: number;
  /** Pairs: the persona. */
  readonly personaId?: string;
  /** Pairs: train, seen-test or heldout-test. */
  readonly split?: PairSplit;
  /** Pairs: the y_l slot's item id. */
  readonly ylId?: string;
  /** Overall state: done when every stage is done. */
  readonly status: ItemStatus;
  /** Stages by name (see `STAGE`, `judgeStage`). */
  readonly stages: Readonly<Record<string, StageState>>;
  /** Retry round: attempt numbers start at round × maxAttempts, so a retry makes new calls. */
  readonly round: number;
  /** Pairs whose y_l failed: why. */
  readonly error?: string;
  /** Last change (ms since the epoch). */
  readonly updatedAt: number;
}

/** Judge order: "wl" shows y_w as answer A, "lw" shows y_l as answer A. */
export type JudgeOrder = 'wl' | 'lw';

/** The stage name of judge j in one order. */
export function judgeStage(j: number, order: JudgeOrder): string {
  return `judge:${j}:${order}`;
}

/** A judge verdict as stored: the label chosen and which answer that was. */
export interface StoredVerdict extends Verdict {
  /** The answer the label pointed to. */
  readonly winner: 'yw' | 'yl';
}

/** Typed stage outputs. */
export interface StageOutputs {
  base: BaseAnswer;
  critique: Critique;
  revise: Revision;
}

/** A stage's output, typed by its name; undefined unless done. */
export function outputOf<K extends keyof StageOutputs>(item: RunItem | undefined, stage: K): StageOutputs[K] | undefined {
  const s = item?.stages[stage];
  return s?.status === 'done' ? (s.output as StageOutputs[K]) : undefined;
}

/** A judge stage's verdict; undefined unless done. */
export function verdictOf(item: RunItem | undefined, j: number, order: JudgeOrder): StoredVerdict | undefined {
  const s = item?.stages[judgeStage(j, order)];
  return s?.status === 'done' ? (s.output as StoredVerdict) : undefined;
}

/** Cumulative call counters of a run (every session added up). */
export interface RunCounters {
  /** HTTP requests / engine calls sent, transport retries included. */
  readonly requests: number;
  /** Calls answered from the cache. */
  readonly cacheHits: number;
  /** Attempts that ended in a backend error. */
  readonly callErrors: number;
  /** Attempts whose output could not be read. */
  readonly parseFailures: number;
  /** Answers cut off at the token limit (finish reason "length"), whether or not a larger budget then fitted. */
  readonly truncatedOutputs: number;
  /** Prompt tokens of answered calls (cached ones included). */
  readonly promptTokens: number;
  /** Completion tokens of answered calls (cached ones included). */
  readonly completionTokens: number;
  /** Base-answer (y_l) calls made or served, retries included. */
  readonly ylCalls: number;
}

/** All counters at zero. */
export const ZERO_COUNTERS: RunCounters = {
  requests: 0,
  cacheHits: 0,
  callErrors: 0,
  parseFailures: 0,
  truncatedOutputs: 0,
  promptTokens: 0,
  completionTokens: 0,
  ylCalls: 0,
};

/** The manifest: enough to say exactly how a run's data was made. */
export interface RunManifest {
  /** "persona-lab". */
  readonly app: string;
  /** Persona Lab's version. */
  readonly appVersion: string;
  /** When the run was created (ISO 8601). */
  readonly createdAt: string;
  /** The whole config: models, backends, every sampling parameter, plan, seeds. */
  readonly config: RunConfig;
  /** Template versions by id (`templateVersions()`). */
  readonly templates: Readonly<Record<string, string>>;
  /** Input sizes and content hashes. */
  readonly inputs: {
    readonly personas: { readonly count: number; readonly hash: string };
    readonly prompts: { readonly count: number; readonly hash: string };
  };
  /** Planned totals. */
  readonly plan: { readonly pairs: number; readonly ylSlots: number; readonly warnings: readonly string[] };
  /** Servers changed after the run was created, oldest first (`editRunServers`); absent when none was. */
  readonly serverChanges?: readonly ServerChange[];
}

/**
 * A run's lifecycle. "interrupted": cut short by a reload or crash; resumable. "waiting": calls are
 * out in a batch file. "done": every pair reached a final state (made, or failed for good: unreadable
 * output after every attempt, or a request the server refuses). "incomplete": the run went through,
 * but some pairs failed on backend errors a resume tries again. "failed": stopped by a failure
 * (unreachable server, refused credentials, no such model, a server failing every call) or no pair
 * could be made; `error` says why, and a resume goes on where it stopped.
 */
export type RunStatus = 'ready' | 'running' | 'paused' | 'waiting' | 'interrupted' | 'done' | 'incomplete' | 'failed' | 'cancelled';

/** A run. */
export interface RunRecord {
  /** Run id. */
  readonly id: string;
  /** A name for people. */
  readonly name: string;
  /** Lifecycle state. */
  readonly status: RunStatus;
  /** Why it stopped, when it did not finish. */
  readonly error?: string;
  /** The config. */
  readonly config: RunConfig;
  /** The manifest. */
  readonly manifest: RunManifest;
  /** The personas, as they were when the run was created. */
  readonly personas: readonly RunPersona[];
  /** The prompts with their splits, as they were when the run was created. */
  readonly prompts: readonly PromptItem[];
  /** An explicit pair list replacing the sampling plan (imported runs, runs that judge another run's pairs). */
  readonly pairs?: readonly FixedPair[];
  /** Where the pairs came from, for imported and derived runs. */
  readonly source?: string;
  /** Call counters. */
  readonly counters: RunCounters;
  /** Created (ms since the epoch). */
  readonly createdAt: number;
  /** Last change (ms since the epoch). */
  readonly updatedAt: number;
}
