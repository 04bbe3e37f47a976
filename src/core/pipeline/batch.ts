/**
 * Scale-out through batch files: the calls a run needs next are written as an OpenAI Batch request
 * file (one JSON line per call: `custom_id`, `method`, `url` "/v1/chat/completions", `body`) with a
 * manifest; the output file that vLLM's `run-batch` or OpenAI's Batch API writes is read back,
 * joined on `custom_id` (the call's cache key), into the call cache. Running the run again then
 * goes on to the next stage, whose calls make the next batch.
 */
import { OpenAiHttpClient } from '../llm/openai-http';
import { checkRows } from '../records/check';
import type { ProblemList } from '../records/problems';
import { readTextRecords } from '../records/read';
import { batchOutputLineSchema } from '../records/schemas';
import { parseCompletion, toUsage } from '../llm/openai-wire';
import type { CachedCall } from './cache';
import type { DeferredRequest } from './context';
import { executeRun, type RunClients, type RunOutcome } from './runner';
import type { PipelineStore } from './store';

/** One line of an OpenAI Batch request file. */
export interface BatchRequestLine {
  /** The call's cache key. */
  readonly custom_id: string;
  /** Always "POST". */
  readonly method: 'POST';
  /** Always "/v1/chat/completions". */
  readonly url: '/v1/chat/completions';
  /** The chat-completions body, exactly as the HTTP client would send it (not streamed). */
  readonly body: Record<string, unknown>;
}

/** The manifest written next to a request file. */
export interface BatchManifest {
  /** "persona-lab-batch". */
  readonly kind: 'persona-lab-batch';
  /** Format version: 1. */
  readonly version: 1;
  /** Batch id, e.g. "batch-003". */
  readonly batchId: string;
  /** The run the calls belong to. */
  readonly runId: string;
  /** When it was written (ISO 8601). */
  readonly createdAt: string;
  /** The request file's name. */
  readonly requestsFile: string;
  /** Lines in it. */
  readonly count: number;
  /** Lines per stage (base, critique, revise, judge). */
  readonly stages: Readonly<Record<string, number>>;
  /** Models the lines go to. */
  readonly models: readonly string[];
  /** Every custom_id, in file order. */
  readonly customIds: readonly string[];
}

/** The stage of a template version: base, critique, revise, judge. */
function stageOfTemplate(version: string): string {
  const id = version.split('@')[0] ?? version;
  return (
    ({ 'base-answer': 'base', 'dpf-critique': 'critique', 'dpf-revision': 'revise', 'persona-judge': 'judge' } as Record<string, string>)[
      id
    ] ?? id
  );
}

/** A deferred call as a batch line. */
function toBatchLine(d: DeferredRequest): BatchRequestLine {
  const body = new OpenAiHttpClient({ baseUrl: 'http://batch.invalid/v1', model: d.model }).body(d.request, false);
  return { custom_id: d.key, method: 'POST', url: '/v1/chat/completions', body };
}

/** What `collectBatch` found. */
export interface CollectedBatch {
  /** The lines, in order; empty when they went to `onLine` instead. */
  readonly lines: BatchRequestLine[];
  /** Every line's custom_id, in order. */
  readonly customIds: string[];
  /** Models the lines go to. */
  readonly models: string[];
  /** Lines per stage. */
  readonly stages: Record<string, number>;
  /** The session's outcome (status "waiting" while lines are out). */
  readonly outcome: RunOutcome;
}

/**
 * Runs a run in collect mode: finished and cached work goes on, every call still needed becomes a
 * batch line (once, however many pairs need it). With `onLine`, lines are handed over as they are
 * found instead of kept, so a paper-scale stage never sits in memory.
 */
export async function collectBatch(
  runId: string,
  store: PipelineStore,
  clients: RunClients,
  opts: { readonly onLine?: (line: BatchRequestLine) => void } = {},
): Promise<CollectedBatch> {
  const seen = new Set<string>();
  const lines: BatchRequestLine[] = [];
  const customIds: string[] = [];
  const models = new Set<string>();
  const stages: Record<string, number> = {};
  const defer = (d: DeferredRequest) => {
    if (seen.has(d.key)) return;
    seen.add(d.key);
    const line = toBatchLine(d);
    customIds.push(d.key);
    models.add(d.model);
    const stage = stageOfTemplate(d.templateVersion);
    stages[stage] = (stages[stage] ?? 0) + 1;
    if (opts.onLine) opts.onLine(line);
    else lines.push(line);
  };
  const outcome = await executeRun(runId, { store, clients, defer });
  return { lines, customIds, models: [...models], stages, outcome };
}

/** The manifest of a batch, from its lines or from their custom_ids and models. */
export function batchManifest(
  batchId: string,
  runId: string,
  requestsFile: string,
  lines: readonly BatchRequestLine[] | { readonly customIds: readonly string[]; readonly models: readonly string[] },
  stages: Record<string, number>,
): BatchManifest {
  const ids = Array.isArray(lines) ? lines.map((l) => l.custom_id) : (lines as { customIds: readonly string[] }).customIds;
  const models = Array.isArray(lines)
    ? [...new Set(lines.map((l) => String(l.body.model)))]
    : (lines as { models: readonly string[] }).models;
  return {
    kind: 'persona-lab-batch',
    version: 1,
    batchId,
    runId,
    createdAt: new Date().toISOString(),
    requestsFile,
    count: ids.length,
    stages,
    models: [...models],
    customIds: [...ids],
  };
}

/** What reading an output file found; `problems` name the lines that are not readable JSON or lack a custom_id. */
export interface BatchImport extends ProblemList {
  /** Answers added to the cache. */
  readonly imported: number;
  /** Answers already in the cache. */
  readonly alreadyCached: number;
  /** Lines whose request failed (kept out of the cache, so the next export asks again). */
  readonly failed: ReadonlyArray<{ readonly customId: string; readonly message: string }>;
  /** Lines whose custom_id no manifest knows. */
  readonly unknown: number;
}

/** The chat completion of an output line: OpenAI/vLLM `response.body`, or an older vLLM's bare `response`. */
function completionOf(line: Record<string, unknown>): { body?: unknown; status: number; error?: string } {
  const response = line.response as Record<string, unknown> | null | undefined;
  const err = line.error;
  const errText = err ? (typeof err === 'string' ? err : JSON.stringify(err)) : undefined;
  if (!response) return { status: 0, error: errText ?? 'no response' };
  if ('choices' in response) return { body: response, status: 200 };
  const status = typeof response.status_code === 'number' ? response.status_code : 200;
  if (status !== 200 || !response.body)
    return { status, error: errText ?? `status ${status}${response.body ? `: ${JSON.stringify(response.body).slice(0, 200)}` : ''}` };
  return { body: response.body, status };
}

/** Reads an output file and puts every answer whose custom_id one of `manifests` knows into the cache. */
export async function importBatchOutput(
  store: PipelineStore,
  manifests: readonly BatchManifest[],
  text: string,
  source: string,
): Promise<BatchImport> {
  const known = new Set(manifests.flatMap((m) => m.customIds));
  let imported = 0;
  let alreadyCached = 0;
  let unknown = 0;
  const failed: Array<{ customId: string; message: string }> = [];
  const file = readTextRecords(source, text, { format: 'jsonl' });
  for (const { line: at, value: line } of checkRows(batchOutputLineSchema, file.rows, file.log)) {
    const id = line.custom_id;
    if (!known.has(id)) {
      unknown++;
      continue;
    }
    const c = completionOf(line);
    if (c.error || !c.body) {
      failed.push({ customId: id, message: c.error ?? 'no body' });
      continue;
    }
    try {
      const parts = parseCompletion(JSON.stringify(c.body), `${source}, line ${at}`);
      if (await store.getCall(id)) {
        alreadyCached++;
        continue;
      }
      const usage = toUsage(parts.usage);
      const call: CachedCall = {
        key: id,
        text: parts.text,
        finishReason: parts.finish,
        model: parts.model ?? '',
        ms: 0,
        createdAt: Date.now(),
        ...(usage ? { usage } : {}),
      };
      await store.checkpoint(undefined, call);
      imported++;
    } catch (e) {
      failed.push({ customId: id, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { imported, alreadyCached, failed, unknown, ...file.log.list() };
}
