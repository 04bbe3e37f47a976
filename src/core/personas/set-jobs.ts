/**
 * Whole-set jobs as the compute worker runs them (plain data in, plain data out): generate a set
 * with its census comparison, read an imported persona file, redraw one persona for the LLM
 * review. The census model is the embedded default unless the caller passes one (an imported
 * census model, sent once and remembered by id).
 */
import { loadDefaultCensusModel, type CensusModelData } from '../census/index';
import { censusModelId, censusSource } from './census-source';
import { compareWithCensus, type AttributeComparison } from './compare';
import { PersonaGenerator, generatePersonas, type GenerateParams } from './generate';
import type { ProblemList } from '../records/problems';
import { readPersonaFile, setFingerprint } from './io';
import type { Persona, PersonaSplit } from './schema';

/** A generated set and what the app stores about it. */
export interface GeneratedSet {
  readonly personas: Persona[];
  /** The census model id. */
  readonly modelId: string;
  /** The model's description. */
  readonly modelLabel: string;
  /** `setFingerprint(personas)`. */
  readonly fingerprint: string;
  /** Training personas. */
  readonly train: number;
  /** The census comparison. */
  readonly comparison: AttributeComparison[];
}

const models = new Map<string, CensusModelData>();

/** Remembers a model by id so later calls can name it; returns the id. */
function rememberModel(model: CensusModelData): string {
  const id = censusModelId(model);
  models.set(id, model);
  return id;
}

/** Remembers a model sent from the page (an imported census model) and returns its id. */
export async function useModel(model: CensusModelData): Promise<string> {
  return rememberModel(model);
}

/** The model with that id (the embedded default is always known); undefined when it was never sent. */
async function modelById(id?: string): Promise<CensusModelData | undefined> {
  const def = await loadDefaultCensusModel();
  rememberModel(def);
  return id === undefined ? def : models.get(id);
}

async function resolveModel(model?: CensusModelData | string): Promise<CensusModelData> {
  if (typeof model === 'object') {
    rememberModel(model);
    return model;
  }
  const m = await modelById(model);
  if (!m) throw new Error(`The census model ${model} is not loaded; send it first.`);
  return m;
}

/** Generates a set (progress every 1,000 personas) and compares it with its census model. */
export async function generateSet(
  params: GenerateParams,
  model?: CensusModelData | string,
  onProgress?: (done: number, total: number) => void,
): Promise<GeneratedSet> {
  const m = await resolveModel(model);
  const source = censusSource(m);
  const personas = generatePersonas(source, params, onProgress ? { onProgress } : {});
  const range = { minAge: params.minAge ?? 0, maxAge: params.maxAge ?? 99 };
  return {
    personas,
    modelId: source.id,
    modelLabel: m.meta.source,
    fingerprint: setFingerprint(personas),
    train: personas.filter((p) => p.split === 'train').length,
    comparison: compareWithCensus(personas, m, range),
  };
}

/** An imported file: the personas and their comparison with the default census model, or the file's problems. */
export type ImportedSet =
  | {
      readonly ok: true;
      readonly personas: Persona[];
      readonly fingerprint: string;
      readonly train: number;
      readonly comparison: AttributeComparison[];
      readonly modelId: string;
    }
  | ({ readonly ok: false } & ProblemList);

/** Reads a persona file (any format the record reader knows) and compares it with the default census model. */
export async function importSet(name: string, input: string | Uint8Array): Promise<ImportedSet> {
  const r = await readPersonaFile(name, input);
  if (!r.ok) return r;
  const m = await resolveModel();
  return {
    ok: true,
    personas: r.personas,
    fingerprint: setFingerprint(r.personas),
    train: r.personas.filter((p) => p.split === 'train').length,
    comparison: compareWithCensus(r.personas, m),
    modelId: censusModelId(m),
  };
}

/** The next persona for index `index` from attempt `fromAttempt` on (the review's redraw). */
export async function redrawPersona(
  params: GenerateParams,
  modelId: string | undefined,
  index: number,
  fromAttempt: number,
  split: PersonaSplit,
): Promise<{ persona: Persona; attempt: number }> {
  const m = await resolveModel(modelId);
  return new PersonaGenerator(censusSource(m), params).redraw(() => split)(index, fromAttempt);
}

/** Re-runs the comparison of a set (after a review or enrichment changed it). */
export async function compareSet(
  personas: readonly Persona[],
  modelId?: string,
  range?: { minAge?: number; maxAge?: number },
): Promise<AttributeComparison[]> {
  return compareWithCensus(personas, await resolveModel(modelId), range);
}
