/**
 * Pair exports: TRL preference JSONL (`prompt`, `chosen` = y_w, `rejected` = y_l, plus persona id
 * and text, prompt id, topic, split, models and verdicts), the PERSONA dataset's columns (persona,
 * instruction, original, critique, data, question type) and CSV (by the one CSV writer, so a reply
 * that starts with `=`, `+`, `-` or `@` is neutralised, not run by a spreadsheet). Only finished
 * pairs (y_l and y_w both made) are exported; texts are plain, without the format markers.
 */
import { csvRecord } from '../records/csv-write';
import { modelLabel } from './config';
import { formatCritique } from './parsers';
import { readPairs, type PairView } from './pairs';
import type { RunRecord } from './records';
import type { PipelineStore } from './store';

/** An export format. */
export type PairFormat = 'trl' | 'persona' | 'csv';

/** The models of a run, as exports name them. */
interface ExportModels {
  /** "backend:model" of the generator. */
  readonly generator: string;
  /** Of the critic. */
  readonly critic: string;
  /** Of each judge. */
  readonly judges: readonly string[];
}

/** One line of TRL preference JSONL. */
export interface TrlRecord {
  /** The prompt x. */
  readonly prompt: string;
  /** y_w, the revision for the persona. */
  readonly chosen: string;
  /** y_l, the answer written without the persona. */
  readonly rejected: string;
  /** Persona id. */
  readonly persona_id: string;
  /** The persona as the models saw it. */
  readonly persona: string;
  /** Prompt id. */
  readonly prompt_id: string;
  /** Topic. */
  readonly topic: string;
  /** train, seen-test or heldout-test. */
  readonly split: string;
  /** Models by role. */
  readonly models: ExportModels;
  /** Pair id (run id, persona, prompt). */
  readonly pair_id: string;
  /** The critique (EVALUATION … SUGGESTIONS …). */
  readonly critique: string;
  /** Per judge: the answer chosen with y_w shown first and with y_l shown first (null when not judged). */
  readonly verdicts: ReadonlyArray<{
    readonly model: string;
    readonly yw_first: 'yw' | 'yl' | null;
    readonly yl_first: 'yw' | 'yl' | null;
  }>;
}

/** One row of the PERSONA dataset's columns. */
interface PersonaDatasetRecord {
  /** The persona text. */
  readonly persona: string;
  /** The prompt. */
  readonly instruction: string;
  /** y_l. */
  readonly original: string;
  /** The critique. */
  readonly critique: string;
  /** y_w. */
  readonly data: string;
  /** The pair's split: train, seen-test or heldout-test. */
  readonly 'question type': string;
}

/** The models of a run. */
function exportModels(run: RunRecord): ExportModels {
  return {
    generator: modelLabel(run.config.generator.model),
    critic: modelLabel(run.config.critic.model),
    judges: run.config.judges.map((j) => modelLabel(j.model)),
  };
}

/** A finished pair as TRL JSONL; undefined when y_l or y_w is missing. */
function trlRecord(p: PairView, models: ExportModels): TrlRecord | undefined {
  if (p.yl === undefined || p.yw === undefined) return undefined;
  return {
    prompt: p.prompt,
    chosen: p.yw,
    rejected: p.yl,
    persona_id: p.personaId,
    persona: p.persona,
    prompt_id: p.promptId,
    topic: p.topic,
    split: p.split,
    models,
    pair_id: p.id,
    critique: p.critique ? formatCritique(p.critique) : '',
    verdicts: p.verdicts.map((v) => ({ model: v.model, yw_first: v.wl?.winner ?? null, yl_first: v.lw?.winner ?? null })),
  };
}

/** A finished pair in the PERSONA dataset's columns; undefined when y_l or y_w is missing. */
function personaRecord(p: PairView): PersonaDatasetRecord | undefined {
  if (p.yl === undefined || p.yw === undefined) return undefined;
  return {
    persona: p.persona,
    instruction: p.prompt,
    original: p.yl,
    critique: p.critique ? formatCritique(p.critique) : '',
    data: p.yw,
    'question type': p.split,
  };
}

/** CSV columns, in order. */
const CSV_COLUMNS = [
  'pair_id',
  'persona_id',
  'prompt_id',
  'topic',
  'split',
  'prompt',
  'rejected',
  'critique',
  'chosen',
  'persona',
  'generator',
  'critic',
  'verdicts',
] as const;

/** A finished pair as a CSV row (values in `CSV_COLUMNS` order); undefined when y_l or y_w is missing. */
function csvRow(p: PairView, models: ExportModels): string[] | undefined {
  const t = trlRecord(p, models);
  if (!t) return undefined;
  const verdicts = t.verdicts.map((v) => `${v.model}: ${v.yw_first ?? '-'}/${v.yl_first ?? '-'}`).join('; ');
  return [
    t.pair_id,
    t.persona_id,
    t.prompt_id,
    t.topic,
    t.split,
    t.prompt,
    t.rejected,
    t.critique,
    t.chosen,
    t.persona,
    models.generator,
    models.critic,
    verdicts,
  ];
}

/** Writes a run's finished pairs in a format, piece by piece; resolves to the number of pairs written. */
export async function exportPairs(
  store: PipelineStore,
  runId: string,
  format: PairFormat,
  write: (chunk: string) => void | Promise<void>,
): Promise<number> {
  const run = await store.getRun(runId);
  if (!run) throw new Error(`No run with id "${runId}".`);
  const models = exportModels(run);
  let n = 0;
  if (format === 'csv') await write(csvRecord(CSV_COLUMNS) + '\r\n');
  for await (const p of readPairs(store, runId)) {
    let line: string | undefined;
    if (format === 'trl') line = jsonLine(trlRecord(p, models));
    else if (format === 'persona') line = jsonLine(personaRecord(p));
    else {
      const row = csvRow(p, models);
      line = row ? csvRecord(row) + '\r\n' : undefined;
    }
    if (line === undefined) continue;
    await write(line);
    n++;
  }
  return n;
}

function jsonLine(v: unknown): string | undefined {
  return v === undefined ? undefined : JSON.stringify(v) + '\n';
}

/** File name and MIME type for a pairs export. */
export function pairExportFileName(run: Pick<RunRecord, 'id' | 'name'>, format: PairFormat): { name: string; type: string } {
  const base = (run.name || run.id).replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'run';
  if (format === 'csv') return { name: `${base}.pairs.csv`, type: 'text/csv' };
  return { name: `${base}.${format === 'trl' ? 'trl' : 'persona'}.jsonl`, type: 'application/jsonl' };
}
