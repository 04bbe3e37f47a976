/**
 * Cloning a run with other models: the same personas, prompts, plan and seed with another judge
 * (a judge run over the source's finished pairs, so only judge calls are made), or with another
 * generator and critic (new pairs; the source's judges are kept so the two runs compare).
 */
import type { RoleSpec } from './config';
import { createRun } from './create';
import { createJudgeRun } from './judge-run';
import type { RunRecord } from './records';
import type { PipelineStore } from './store';

/** What changes in the clone. */
export type CloneChange =
  | { readonly kind: 'judges'; readonly judges: readonly RoleSpec[] }
  | { readonly kind: 'models'; readonly generator: RoleSpec; readonly critic: RoleSpec };

/** Creates the clone (or returns the stored run doing the same work). */
export async function cloneRun(
  store: PipelineStore,
  sourceId: string,
  change: CloneChange,
  o: { readonly name: string; readonly appVersion: string },
): Promise<RunRecord> {
  const source = await store.getRun(sourceId);
  if (!source) throw new Error(`No run with id "${sourceId}".`);
  if (change.kind === 'judges') {
    if (change.judges.length === 0) throw new Error('Choose at least one judge for the clone.');
    return createJudgeRun(store, { sourceRunId: sourceId, judges: change.judges, name: o.name, appVersion: o.appVersion });
  }
  if (source.source !== undefined)
    throw new Error(`Run "${source.name}" holds pairs made elsewhere (${source.source}); clone it with another judge instead.`);
  return createRun(store, {
    name: o.name,
    config: { ...source.config, generator: change.generator, critic: change.critic },
    personas: source.personas,
    prompts: source.prompts,
    appVersion: o.appVersion,
  });
}
