/**
 * The states a page holds for one visit, built here over the app's one database, stores and compute worker, so
 * that no page builds a store or starts a worker job itself (the layer rule in docs/CONVENTIONS.md).
 */
import { CensusModelStore } from '../db/census-models';
import { PersonaSetStore } from '../db/persona-sets';
import type { CensusFigures } from '../core/census/figures';
import { censusFiguresInWorker, importCensusInWorker } from '../platform/census-worker';
import { computeClient } from '../platform/compute-client';
import { computePersonaJobs } from '../platform/persona-worker';
import { AgreementState } from './AgreementState.svelte';
import { statsStores } from './app-db';
import { CensusImport } from './CensusImport.svelte';
import { ClassroomState } from './ClassroomState.svelte';
import { PersonaLlmStages } from './PersonaLlmStages.svelte';
import { PersonaSets } from './PersonaSets.svelte';
import { pipelineStore } from './pipeline-services';
import { services } from './services';

/** The Agreement page's state: label sets, statistics in the compute worker, judged runs. */
export function agreementState(): AgreementState {
  const stores = statsStores();
  return new AgreementState(stores.labels, computeClient(), stores.runs);
}

/** The Classroom page's state: kits and answers, agreement in the compute worker, runs to draw kits from. */
export function classroomState(): ClassroomState {
  const stores = statsStores();
  return new ClassroomState(stores.annotations, stores.labels, stores.runs, computeClient());
}

/** The Census page's imports, run in the compute worker. */
export function censusImport(): CensusImport {
  return new CensusImport(services().db, importCensusInWorker);
}

/** An imported model's figures for the Census page, or the default model's without an id; undefined when that import is gone. */
export async function censusModelFigures(importer: CensusImport, id?: string): Promise<CensusFigures | undefined> {
  if (id === undefined) return censusFiguresInWorker();
  const model = await importer.load(id);
  return model && censusFiguresInWorker(model);
}

/** The Personas page's state: the persona sets (jobs in the compute worker) and the LLM stages over them (their calls in the one call cache). */
export function personasPage(): { readonly sets: PersonaSets; readonly stages: PersonaLlmStages } {
  const sets = new PersonaSets(services().db, computePersonaJobs());
  return { sets, stages: new PersonaLlmStages(sets, pipelineStore()) };
}

/** The imported census models a set can be generated from, by id and name, newest first. */
export async function censusModelNames(): Promise<{ id: string; name: string }[]> {
  return (await new CensusModelStore(services().db).list()).map((m) => ({ id: m.id, name: m.name }));
}

/** The stored persona sets (the leave-one-out page draws its personas from one). */
export function personaSetStore(): PersonaSetStore {
  return new PersonaSetStore(services().db);
}
