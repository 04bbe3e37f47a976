import { afterAll, describe, expect, it } from 'vitest';
import { PersonaLabDb } from '../../../src/db/database';
import { AppRoot } from '../../../src/state/app';
import { LlmWorkerClient } from '../../../src/platform/llm-worker-client';
import { ComputeClient } from '../../../src/platform/compute-client';

describe('the composition root', () => {
  const db = new PersonaLabDb(`app-${Math.random()}`);
  afterAll(() => db.delete());
  const root = new AppRoot(db, new LlmWorkerClient(), new ComputeClient());

  it('makes each store and state once, over the one database', () => {
    expect(root.runStore).toBe(root.runStore);
    expect(root.personaSets).toBe(root.personaSets);
    expect(root.personaStages).toBe(root.personaStages);
    expect(root.censusImport).toBe(root.censusImport);
    expect(root.loo).toBe(root.loo);
    expect(root.wiki).toBe(root.wiki);
    expect(root.runs).toBe(root.runs);
    expect(root.undo).toBe(root.undo);
  });

  it('builds a fresh state for each visit of the pages that hold one', () => {
    expect(root.agreementState()).not.toBe(root.agreementState());
    expect(root.classroomState()).not.toBe(root.classroomState());
  });
});
