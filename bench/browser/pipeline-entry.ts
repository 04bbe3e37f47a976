/** The browser side of the pipeline benchmark: a run over IndexedDB (Dexie) with the instant engine. */
import { PersonaLabDb } from '../../src/db/database';
import { DexiePipelineStore } from '../../src/db/pipeline-store';
import { benchRun } from '../pipeline-fixture';

declare global {
  interface Window {
    /** Runs the bench; resolves with calls and milliseconds. */
    __pipelineBench?: (personas: number) => Promise<{ calls: number; ms: number; pairs: number }>;
  }
}

window.__pipelineBench = async (personas) => {
  const db = new PersonaLabDb(`bench-${Date.now()}`);
  try {
    const store = new DexiePipelineStore(db);
    const r = await benchRun(store, { personas, judges: 1, yl: { mode: 'shared', samples: 1 } });
    return { calls: r.calls, ms: r.ms, pairs: r.outcome.pairs.done };
  } finally {
    await db.delete();
  }
};
