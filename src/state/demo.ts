/**
 * Demo mode (#11): stores the ready-made example of `public/demo/` (src/core/demo/bundle.ts) as if
 * it had been made on this device: the persona set, the finished run with its two judges, the
 * judges' label set, the classroom kit with the students' answer files. No model is loaded and no
 * server is asked. Loading it again replaces the same records (fixed ids), so nothing is doubled.
 */
import { DEMO_PATH, readDemoBundle, type DemoBundle } from '../core/demo/bundle';
import type { PersonaSetRow } from '../db/persona-sets';
import { app } from './app';

/** What was stored, to link to. */
export interface DemoLoaded {
  /** The persona set's id. */
  readonly setId: string;
  /** The run's id. */
  readonly runId: string;
  /** The kit's id. */
  readonly kitId: string;
  /** How the example was made. */
  readonly about: string;
}

/** Fetches the bundle from the app's own files and stores its parts; rejects naming what failed. */
export async function loadDemo(base = import.meta.env.BASE_URL): Promise<DemoLoaded> {
  const url = `${base}${DEMO_PATH}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The demo example (${url}) could not be fetched: ${response.status} ${response.statusText}.`);
  return storeDemo(readDemoBundle('persona-lab-demo.json', await response.text()));
}

async function storeDemo(b: DemoBundle): Promise<DemoLoaded> {
  const root = app();
  const now = Date.now();
  const set = b.personaSet;
  const row: PersonaSetRow = {
    id: `set-${set.fingerprint.slice(0, 16)}`,
    name: set.name,
    createdAt: now,
    origin: 'generated',
    params: set.params,
    census: { kind: 'default', modelId: set.modelId, label: set.modelLabel },
    count: set.personas.length,
    train: set.train,
    fingerprint: set.fingerprint,
    comparison: set.comparison,
    history: ['The demo example: made by scripts/make-demo.ts with a scripted model.'],
  };
  await root.personaSetStore.put(row, set.personas);
  await root.runStore.deleteRun(b.run.id);
  await root.runStore.putRun(b.run);
  await Promise.all(b.items.map((item) => root.runStore.checkpoint(item)));
  await root.labelStore.put({ ...b.labels, source: 'run' });
  await root.annotationStore.putKit({ ...b.kit, importedAt: now });
  await root.annotationStore.putClassroom({
    id: b.kit.id,
    kitId: b.kit.id,
    files: b.answerFiles,
    resolutions: [],
    modelSetId: `run:${b.run.id}`,
    updatedAt: now,
  });
  root.runStore.forgetCachedKeys();
  await root.reread(); // the lists already shown (sets, runs, …) include the example at once
  return { setId: row.id, runId: b.run.id, kitId: b.kit.id, about: b.about };
}
