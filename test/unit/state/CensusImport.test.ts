import { beforeEach, describe, expect, it } from 'vitest';
import { PersonaLabDb } from '../../../src/db/database';
import { CensusImport } from '../../../src/state/CensusImport.svelte';
import { loadDefaultCensusModel } from '../../../src/core/census/index';
import type { ImportResult } from '../../../src/core/census/import-files';

let db: PersonaLabDb;
beforeEach(async () => {
  db = new PersonaLabDb(`census-${Math.random()}`);
  await db.open();
});

describe('CensusImport state', () => {
  it('stores nothing when the import fails, and says where', async () => {
    const failed: ImportResult = {
      ok: false,
      failure: { file: 'p.csv', line: 7, column: 3, message: 'p.csv, line 7, column 3: AGEP is "x"' },
    };
    const s = new CensusImport(
      db,
      async (_f, progress) => (progress({ phase: 'reading', file: 'p.csv', bytes: 5, totalBytes: 10 }), failed),
    );
    expect(await s.import([new File(['x'], 'p.csv')])).toBeNull();
    expect(s.status).toBe('error');
    expect(s.failure).toMatchObject({ line: 7, column: 3 });
    expect(await db.censusModels.count()).toBe(0);
  });

  it('stores a successful import whole, lists it, loads and deletes it', async () => {
    const model = await loadDefaultCensusModel();
    const json = JSON.stringify(model);
    const s = new CensusImport(db, async () => ({ ok: true, json, meta: model.meta }));
    const stored = await s.import([new File(['x'], 'psam_p50.csv')]);
    expect(stored?.name).toBe('psam_p50.csv');
    expect(s.status).toBe('done');
    expect(s.models.map((m) => m.id)).toEqual([stored!.id]);
    expect((await s.load(stored!.id))?.meta.records).toBe(model.meta.records);
    await s.remove(stored!.id);
    expect(s.models).toEqual([]);
  });
});

describe('cancelling a census import', () => {
  it('stops the runner through its signal and stores nothing', async () => {
    let seen: AbortSignal | undefined;
    const s = new CensusImport(db, (_files, progress, signal) => {
      seen = signal;
      progress({ phase: 'reading', file: 'psam_p06.csv', bytes: 10, totalBytes: 100 });
      return new Promise((_resolve, reject) =>
        signal?.addEventListener('abort', () => reject(new DOMException('The computation was cancelled.', 'AbortError'))),
      );
    });
    const pending = s.import([new File(['x'], 'psam_p06.csv')]);
    await expect.poll(() => s.progress).toBe(0.1);
    expect(s.busy).toBe(true);
    s.cancel();
    expect(await pending).toBeNull();
    expect(seen?.aborted).toBe(true);
    expect(s.status).toBe('cancelled');
    expect(s.busy).toBe(false);
    expect(s.failure).toBeNull();
    expect(await db.censusModels.count()).toBe(0);
  });

  it('stores nothing when the cancel comes as the result arrives', async () => {
    const model = await loadDefaultCensusModel();
    let finish: (() => void) | undefined;
    const s = new CensusImport(
      db,
      () => new Promise((resolve) => (finish = () => resolve({ ok: true, json: JSON.stringify(model), meta: model.meta }))),
    );
    const pending = s.import([new File(['x'], 'psam_p06.csv')]);
    finish!();
    s.cancel();
    expect(await pending).toBeNull();
    expect(s.status).toBe('cancelled');
    expect(await db.censusModels.count()).toBe(0);
  });
});
