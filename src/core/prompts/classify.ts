/**
 * The model-based prompt filters: the paper's zero-shot controversy classifier (keep prompts that
 * draw diverse opinions) and a topic classifier, run over a prompt list one call at a time, cached
 * like every pipeline call. A prompt whose answer cannot be read keeps its place and its keyword
 * topic, and is counted as unclassified.
 */
import type { LlmClient, SamplingOptions } from '../llm/types';
import type { CallStore } from '../pipeline/cache';
import { StageError } from '../pipeline/call';
import { callContext } from '../pipeline/context';
import { classifyControversy, classifyTopic } from '../pipeline/stages';
import { TOPICS } from './topics';
import type { PromptItem } from './types';

/** What to classify. */
export interface ClassifyOptions {
  /** The model. */
  readonly llm: LlmClient;
  /** Drop prompts the model calls not controversial. */
  readonly controversy: boolean;
  /** Replace topics with the model's labels. */
  readonly topics: boolean;
  /** The call cache: answers are looked up and new ones stored. */
  readonly cache?: CallStore;
  /** Stops after the call in flight; what was classified so far is returned. */
  readonly signal?: AbortSignal;
  /** Called after each prompt with the number done. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Seed for request seeds (default 1). */
  readonly seed?: number;
  /** Extra tries of a call after a transient transport failure (default the call path's, 4). */
  readonly transportRetries?: number;
  /** Told before every transport retry (the CLI says it on stderr). */
  readonly onTransportRetry?: (error: import('../llm/errors').LlmError, waitMs: number, retry: number) => void;
}

/** The outcome. */
export interface ClassifyResult {
  /** Prompts kept, topics updated when asked (all prompts when stopped early: unclassified ones are kept). */
  readonly prompts: PromptItem[];
  /** Prompts the controversy classifier dropped. */
  readonly notControversial: number;
  /** Prompts whose answers could not be read or whose calls failed (kept, topic unchanged). */
  readonly unclassified: number;
  /** Prompts classified before a stop; equals the input length when not stopped. */
  readonly classified: number;
}

/** The classifiers' sampling: greedy, room for the JSON answer. */
const CLASSIFY_SAMPLING: SamplingOptions = { temperature: 0, max_tokens: 64 };

/** Runs the classifiers over prompts. */
export async function classifyPrompts(prompts: readonly PromptItem[], o: ClassifyOptions): Promise<ClassifyResult> {
  const signal = o.signal ?? new AbortController().signal;
  const ctx = callContext(
    {
      llm: o.llm,
      seed: o.seed ?? 1,
      signal,
      sampling: CLASSIFY_SAMPLING,
      maxAttempts: 2,
      transportRetries: o.transportRetries,
      onTransportRetry: o.onTransportRetry,
    },
    o.cache,
  );
  const kept: PromptItem[] = [];
  let dropped = 0;
  let unclassified = 0;
  let done = 0;
  for (const p of prompts) {
    if (signal.aborted) {
      kept.push(p);
      continue;
    }
    let item = p;
    let keep = true;
    try {
      if (o.controversy) keep = (await classifyControversy({ instruction: p.text }, ctx)).value;
      if (keep && o.topics) item = { ...p, topic: (await classifyTopic({ instruction: p.text, topics: TOPICS }, ctx)).value };
      done++;
    } catch (e) {
      if (!(e instanceof StageError)) throw e;
      if (e.kind === 'aborted') {
        kept.push(p);
        continue;
      }
      if (e.llmError?.kind === 'network') throw e.llmError;
      unclassified++;
      done++;
    }
    if (keep) kept.push(item);
    else dropped++;
    o.onProgress?.(done, prompts.length);
  }
  return { prompts: kept, notControversial: dropped, unclassified, classified: done };
}
