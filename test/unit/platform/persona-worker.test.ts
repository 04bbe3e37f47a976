import { expose } from 'comlink';
import { describe, expect, it } from 'vitest';
import type { CensusModelData } from '../../../src/core/census/index';
import { ComputeClient, isAbortError } from '../../../src/platform/compute-client';
import { computePersonaJobs } from '../../../src/platform/persona-worker';

/** Compute workers that, like the real one, only know the census models sent to them. */
function workers() {
  let spawned = 0;
  const spawn = () => {
    spawned++;
    const { port1, port2 } = new MessageChannel();
    const models = new Set<string>();
    const known = (id?: string) => {
      if (id !== undefined && !models.has(id)) throw new Error(`The census model ${id} is not loaded; send it first.`);
    };
    expose(
      {
        usePersonaCensusModel: async (m: { meta: { source: string } }) => (models.add(m.meta.source), m.meta.source),
        comparePersonaSet: async (_p: unknown, id?: string) => (known(id), []),
        redrawPersona: async (_params: unknown, id: string | undefined, index: number) => (
          known(id),
          { persona: { id: `p${index}` }, attempt: 1 }
        ),
        generatePersonaSet: (_params: unknown, _model: unknown, onProgress: (d: number, t: number) => void) => (
          onProgress(1, 2),
          new Promise(() => {})
        ),
      },
      port2 as unknown as Parameters<typeof expose>[1],
    );
    return Object.assign(port1, { terminate: () => (port1.close(), port2.close()) }) as unknown as Worker;
  };
  return { spawn, count: () => spawned };
}

const model = { meta: { source: 'census-imported' } } as unknown as CensusModelData;

describe('persona jobs in the compute worker', () => {
  it('sends an imported census model again to a worker restarted by a cancelled generation', async () => {
    const w = workers();
    const jobs = computePersonaJobs(new ComputeClient(w.spawn));
    const id = await jobs.useModel(model);
    expect(await jobs.compare([], id)).toEqual([]);

    const ctl = new AbortController();
    const progress: number[] = [];
    const gen = jobs.generate({ seed: 's', count: 2 }, undefined, (d) => progress.push(d), ctl.signal);
    await expect.poll(() => progress).toEqual([1]);
    ctl.abort();
    expect(isAbortError(await gen.catch((e: unknown) => e))).toBe(true);

    // The new worker has never seen the model; the jobs send it before naming it.
    expect(await jobs.compare([], id)).toEqual([]);
    expect((await jobs.redraw({ seed: 's', count: 2 }, id, 4, 0, 'train')).persona.id).toBe('p4');
    expect(w.count()).toBe(2);
  });
});
