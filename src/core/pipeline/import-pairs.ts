/**
 * Reading exported pairs back (TRL JSONL, the PERSONA dataset's columns as JSONL, or our CSV) into
 * an imported run whose y_l, critique and y_w stages are already done: it can be browsed, exported
 * again, and judged by other models (`createJudgeRun`).
 */
import Papa from 'papaparse';
import { hashHex } from '../random';
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
export interface ImportedPair {
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

/** Pairs read from a file, and what could not be read. */
export interface PairsFile {
  /** The pairs. */
  readonly pairs: ImportedPair[];
  /** Problems, one per unreadable record (at most 50). */
  readonly problems: string[];
}

function split(v: unknown): PairSplit {
  const s = typeof v === 'string' ? v.toLowerCase() : '';
  if (s.includes('held') || s.includes('unseen')) return 'heldout-test';
  if (s.includes('seen') || s === 'test') return 'seen-test';
  return 'train';
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** One record (TRL or PERSONA columns) as a pair, or a string saying what is missing. */
export function recordToPair(r: Record<string, unknown>): ImportedPair | string {
  const prompt = str(r.prompt) || str(r.instruction);
  const yw = str(r.chosen) || str(r.data);
  const yl = str(r.rejected) || str(r.original);
  if (!prompt) return 'no prompt (or instruction)';
  if (!yw) return 'no chosen (or data)';
  if (!yl) return 'no rejected (or original)';
  const persona = str(r.persona);
  return {
    personaId: str(r.persona_id) || `persona-${hashHex(persona)}`,
    persona,
    promptId: str(r.prompt_id) || promptId(prompt),
    prompt,
    topic: str(r.topic) || topicByKeywords(prompt),
    split: split(r.split ?? r['question type']),
    yl,
    yw,
    critique: str(r.critique),
  };
}

/** Reads a pairs file: JSONL (TRL or PERSONA columns) or CSV with the export's header. */
export function readPairsFile(text: string, fileName: string): PairsFile {
  const pairs: ImportedPair[] = [];
  const problems: string[] = [];
  const add = (r: unknown, where: string) => {
    const p = r && typeof r === 'object' && !Array.isArray(r) ? recordToPair(r as Record<string, unknown>) : 'not an object';
    if (typeof p === 'string') {
      if (problems.length < 50) problems.push(`${fileName} ${where}: ${p}`);
    } else pairs.push(p);
  };
  if (/\.csv$/i.test(fileName)) {
    const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    parsed.data.forEach((row, i) => add(row, `row ${i + 2}`));
  } else {
    text.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim()) return;
      try {
        add(JSON.parse(line), `line ${i + 1}`);
      } catch {
        if (problems.length < 50) problems.push(`${fileName} line ${i + 1}: not JSON`);
      }
    });
  }
  if (pairs.length === 0)
    throw new Error(`${fileName}: no pair could be read.${problems[0] ? ` First problem: ${problems[0]}` : ' The file is empty.'}`);
  return { pairs, problems };
}

function critiqueOf(text: string): Critique {
  const p = parseCritique(text);
  return p.ok ? p.value : { evaluation: text, suggestions: '', complete: true };
}

/** Stores imported pairs as a finished run (no judges) and returns it. Duplicate (persona, prompt) pairs keep the first. */
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
