/** The browser side of the PERSONA Bench benchmark: a bench over IndexedDB (Dexie) with the instant engine. */
import { DexieBenchStore } from '../../src/db/bench-store';
import { PersonaLabDb } from '../../src/db/database';
import { DexiePipelineStore } from '../../src/db/pipeline-store';
import { benchBench } from '../bench-persona-fixture';

declare global {
  interface Window {
    /** Runs the bench; resolves with calls and milliseconds. */
    __personaBench?: (personas: number) => Promise<{ calls: number; ms: number; samples: number }>;
  }
}

window.__personaBench = async (personas) => {
  const db = new PersonaLabDb(`bench-${Date.now()}`);
  try {
    const store = new DexieBenchStore(db, new DexiePipelineStore(db));
    const r = await benchBench(store, { personas, samples: 2 });
    return { calls: r.calls, ms: r.ms, samples: r.outcome.samples.done };
  } finally {
    await db.delete();
  }
};
