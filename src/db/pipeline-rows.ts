/** Row types of the pipeline tables (schema version 4): prompt sets, runs, run items, the LLM call cache. */
import type { CachedCall } from '../core/pipeline/cache';
import type { RunItem, RunRecord } from '../core/pipeline/records';
import type { FilterReport } from '../core/prompts/filters';
import type { PromptItem } from '../core/prompts/types';

/** A stored prompt set. */
export interface PromptSetRow {
  /** Id. */
  readonly id: string;
  /** Name for people. */
  readonly name: string;
  /** Where the prompts came from (file name or URL). */
  readonly source: string;
  /** Created (ms since the epoch). */
  readonly createdAt: number;
  /** The prompts with topics and splits. */
  readonly prompts: readonly PromptItem[];
  /** What the rule filters (and the controversy classifier, if run) kept and dropped. */
  readonly report: FilterReport;
  /** How topics were assigned: "given", "keywords", or "llm:<backend:model>". */
  readonly topics: string;
  /** With LLM topics: prompts the model could not label, which keep their keyword (or given) topic. */
  readonly keywordFallback?: number;
  /** The split's seed and held-out share. */
  readonly split: { readonly seed: number; readonly heldoutFraction: number };
}

/** A stored run: the domain record as it is. */
export type RunRow = RunRecord;

/** A stored run item: the domain record as it is (its id starts with the run id). */
export type RunItemRow = RunItem;

/** A cached LLM call: the domain record as it is. */
export type CachedCallRow = CachedCall;
