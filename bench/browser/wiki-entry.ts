/** The browser side of the WikiPersonas benchmark: a study over IndexedDB (Dexie) with the instant model. */
import { PersonaLabDb } from '../../src/db/database';
import { DexiePipelineStore } from '../../src/db/pipeline-store';
import { DexieWikiStore } from '../../src/db/wiki-store';
import { BENCH_PEOPLE, benchStudy } from '../wiki-fixture';

declare global {
  interface Window {
    /** Runs the bench for the first `people` of the bench's people; resolves with calls, scores and milliseconds. */
    __wikiBench?: (people: number) => Promise<{ calls: number; scores: number; ms: number; pairs: number }>;
  }
}

window.__wikiBench = async (people) => {
  const db = new PersonaLabDb(`wiki-bench-${Date.now()}`);
  try {
    const calls = new DexiePipelineStore(db);
    return await benchStudy(new DexieWikiStore(db), calls, BENCH_PEOPLE.slice(0, people));
  } finally {
    await db.delete();
  }
};
