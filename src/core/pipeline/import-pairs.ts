/**
 * Reading exported pairs back (TRL JSONL, the PERSONA dataset's columns as JSONL, our CSV, or any
 * format the record reader knows) into an imported run whose y_l, critique and y_w stages are
 * already done: it can be browsed, exported again, and judged by other models (`createJudgeRun`).
 * A record that cannot be read, or that repeats a (persona, prompt) pair, is a problem naming the
 * file, line and field, and is left out.
 */
import { hashHex } from '../random';
import { checkValue, IdTracker } from '../records/check';
import { FileProblemsError, type ProblemList } from '../records/problems';
import { readRecords, type RecordFile } from '../records/read';
import { pairRecordSchema } from '../records/schemas';
import { topicByKeywords } from '../prompts/topics';
import { promptId } from '../prompts/types';
import { makeConfig, type RunPersona } from './config';
import { makeRun } from './create';
import { withStage } from './item-state';
import { parseCritique, type Critique } from './parsers';
import { pairId, type FixedPair } from './plan';
import type { PairSplit, RunItem, RunRecord } from './records';
import type { PipelineStore } from './store';

/** One pair read from a file. */
interface ImportedPair {
  /** Persona id (a hash of the persona text when the file gives none). */
  readonly personaId: string;
  /** Persona text. */
  readonly persona: string;
  /** Prompt id (`promptId(text)` when the file gives none). */
  readonly promptId: string;
  /** The prompt. */
  readonly prompt: string;
  /** Topic (keyword rules when the file gives none). */
  readonly topic: string;
  /** Split (train when the file gives none). */
  readonly split: PairSplit;
  /** y_l. */
  readonly yl: string;
  /** y_w. */
  readonly yw: string;
  /** The critique text, when given. */
  readonly critique: string;
}

/** Pairs read from a file, and the records that could not be read. */
export interface PairsFile extends ProblemList {
  /** The pairs, in file order. */
  readonly pairs: ImportedPair[];
}

function split(v: unknown): PairSplit {
  const s = typeof v === 'string' ? v.toLowerCase() : '';
  if (s.includes('held') || s.includes('unseen')) return 'heldout-test';
  if (s.includes('seen') || s === 'test') return 'seen-test';
  return 'train';
}

/** Pairs from records read from a file; throws `FileProblemsError` when no pair could be read. */
function pairsFromRecords(file: RecordFile): PairsFile {
  const { log } = file;
  const pairs: ImportedPair[] = [];
  const keys = new IdTracker();
  for (const row of file.rows) {
    const r = checkValue(pairRecordSchema, row.value, row.line, log);
    if (!r) continue;
    const prompt = (r.prompt ?? r.instruction)!;
    const persona = r.persona ?? '';
    const p: ImportedPair = {
      personaId: r.persona_id ?? `persona-${hashHex(persona)}`,
      persona,
      promptId: r.prompt_id ?? promptId(prompt),
      prompt,
      topic: r.topic ?? topicByKeywords(prompt),
      split: split(r.split ?? r['question type']),
      yl: (r.rejected ?? r.original)!,
      yw: (r.chosen ?? r.data)!,
      critique: r.critique ?? '',
    };
    const before = keys.first(`${p.personaId}\u0000${p.promptId}`, row.line);
    if (before !== undefined) {
      log.add(row.line, `the pair of persona "${p.personaId}" and prompt "${p.promptId}" again (first on ${log.unit} ${before})`);
      continue;
    }
    pairs.push(p);
  }
  if (pairs.length === 0) {
    if (log.total === 0) log.add(undefined, 'the file holds no pairs');
    throw new FileProblemsError(log.list());
  }
  return { pairs, ...log.list() };
}

/** Reads a pairs file: JSON lines (TRL or PERSONA columns), CSV with the export's header, a JSON array or Parquet. */
export async function readPairsFile(name: string, input: string | Uint8Array): Promise<PairsFile> {
  return pairsFromRecords(await readRecords(name, input));
}

function critiqueOf(text: string): Critique {
  const p = parseCritique(text);
  return p.ok ? p.value : { evaluation: text, suggestions: '', complete: true };
}

/** Stores imported pairs as a finished run (no judges) and returns it. A (persona, prompt) pair given twice keeps the first (`pairsFromRecords` refuses repeats with their line). */
export async function importPairsRun(
  store: PipelineStore,
  file: PairsFile,
  options: { name: string; appVersion: string; source: string },
): Promise<RunRecord> {
  const seen = new Set<string>();
  const pairs = file.pairs.filter((p) => !seen.has(`${p.personaId}\u0000${p.promptId}`) && seen.add(`${p.personaId}\u0000${p.promptId}`));
  const personas = new Map<string, RunPersona>();
  const prompts = new Map<string, { id: string; text: string; topic: string; split: 'train' | 'heldout' }>();
  for (const p of pairs) {
    if (!personas.has(p.personaId)) personas.set(p.personaId, { id: p.personaId, text: p.persona });
    if (!prompts.has(p.promptId))
      prompts.set(p.promptId, { id: p.promptId, text: p.prompt, topic: p.topic, split: p.split === 'heldout-test' ? 'heldout' : 'train' });
  }
  const fixed: FixedPair[] = pairs.map((p) => ({
    personaId: p.personaId,
    promptId: p.promptId,
    split: p.split,
    sampleIndex: parseInt(hashHex(p.yl, 1), 16) & 0x7fffffff,
  }));
  const ref = { backend: 'imported', model: options.source };
  const run = makeRun({
    id: `import-${hashHex(`${options.source}\u0000${Date.now()}`)}`,
    name: options.name,
    appVersion: options.appVersion,
    source: options.source,
    config: makeConfig({ generator: ref, critic: ref }),
    personas: [...personas.values()],
    prompts: [...prompts.values()],
    pairs: fixed,
  });
  const now = Date.now();
  for (const [i, p] of pairs.entries()) {
    const f = fixed[i] as FixedPair;
    const ylId = `${run.id}:yl:${p.promptId}:${f.sampleIndex}`;
    const slot: RunItem = {
      id: ylId,
      runId: run.id,
      kind: 'yl',
      seq: i,
      promptId: p.promptId,
      sampleIndex: f.sampleIndex ?? 0,
      status: 'pending',
      stages: {},
      round: 0,
      updatedAt: now,
    };
    await store.checkpoint(withStage(slot, 'base', { status: 'done', attempts: [], output: { text: p.yl } }, 0));
    let item: RunItem = {
      id: pairId(run.id, p.personaId, p.promptId),
      runId: run.id,
      kind: 'pair',
      seq: i,
      promptId: p.promptId,
      sampleIndex: f.sampleIndex ?? 0,
      personaId: p.personaId,
      split: p.split,
      ylId,
      status: 'pending',
      stages: {},
      round: 0,
      updatedAt: now,
    };
    item = withStage(item, 'critique', { status: 'done', attempts: [], output: critiqueOf(p.critique) }, 0);
    item = withStage(item, 'revise', { status: 'done', attempts: [], output: { text: p.yw, complete: true } }, 0);
    await store.checkpoint(item);
  }
  const done: RunRecord = { ...run, status: 'done' };
  await store.putRun(done);
  return done;
}
