import { describe, expect, it } from 'vitest';
import { PersonaLabDb } from '../../../src/db/database';
import { PersonaSetStore } from '../../../src/db/persona-sets';
import { DexiePipelineStore } from '../../../src/db/pipeline-store';
import * as jobs from '../../../src/core/personas/set-jobs';
import { readPersonaFile, toJsonl } from '../../../src/core/personas/io';
import { parseShareQuery } from '../../../src/core/personas/share';
import type { PersonaJobs } from '../../../src/core/personas/persona-jobs';
import { PersonaSets } from '../../../src/state/PersonaSets.svelte';
import { PersonaLlmStages } from '../../../src/state/PersonaLlmStages.svelte';
import { LlmError } from '../../../src/core/llm/errors';
import { ScriptedClient } from '../../doubles/scripted-client';

/** The compute worker's jobs, run in-process. */
const inProcess: PersonaJobs = {
  generate: (params, model, onProgress) => jobs.generateSet(params, model, onProgress),
  importFile: jobs.importSet,
  redraw: jobs.redrawPersona,
  useModel: jobs.useModel,
  compare: jobs.compareSet,
};

let n = 0;
const freshDb = () => new PersonaLabDb(`persona-sets-test-${n++}`);

describe('PersonaSets state', () => {
  it('generates a set with progress, stores set and personas together, and finds them after a reload', async () => {
    const db = freshDb();
    const sets = new PersonaSets(db, inProcess);
    const row = await sets.generate({ seed: 's1', count: 1200, minAge: 18 });
    expect(row).not.toBeNull();
    expect(row!.name).toBe('1,200 personas · seed s1 · ages 18–99');
    expect(row!.train).toBe(757); // round(1200 * 1000 / 1586)
    expect(row!.comparison).toHaveLength(10);
    expect(sets.personas).toHaveLength(1200);
    expect(sets.status).toBe('idle');
    const again = new PersonaSets(db, inProcess);
    await again.refresh();
    expect(again.sets.map((s) => s.id)).toEqual([row!.id]);
    await again.select(row!.id);
    expect(again.personas).toEqual(sets.personas);
    // The same parameters give the same set, stored once.
    await again.generate({ seed: 's1', count: 1200, minAge: 18, name: 'Again' });
    expect(again.sets).toHaveLength(1);
    expect(again.sets[0]!.name).toBe('Again');
  });

  it('refuses a malformed import, keeping nothing, and imports a valid one', async () => {
    const db = freshDb();
    const sets = new PersonaSets(db, inProcess);
    const good = toJsonl((await jobs.generateSet({ seed: 'imp', count: 12 })).personas);
    const bad = good.replace('"split":"train"', '"split":"validation"');
    expect(await sets.importFile('bad.jsonl', bad)).toBeNull();
    expect(sets.status).toBe('error');
    expect(sets.error).toMatch(/^bad\.jsonl was not imported: bad\.jsonl, line \d+, field "split": /);
    expect(sets.importProblems.total).toBe(1);
    expect(sets.importProblems.problems[0]).toMatchObject({ file: 'bad.jsonl', field: 'split' });
    expect(await new PersonaSetStore(db).list()).toEqual([]);
    const row = await sets.importFile('good.jsonl', good);
    expect(row).toMatchObject({ name: 'good', origin: 'imported', count: 12, census: { kind: 'none' } });
    expect(sets.importProblems).toEqual({ problems: [], total: 0 });
  });

  it('imports a file holding a stored set as a new set, leaving the stored one and its share link as they were', async () => {
    const db = freshDb();
    const sets = new PersonaSets(db, inProcess);
    const row = (await sets.generate({ seed: 'twin', count: 15, name: 'Generated' }))!;
    const link = sets.shareLinkFor(row, 'http://app.test/');
    expect(link).toBeDefined();
    const file = await sets.exportSet(row.id, 'csv');
    const copy = (await sets.importFile('Generated.csv', file.text))!;
    expect(copy.id).not.toBe(row.id);
    expect(copy.fingerprint).toBe(row.fingerprint);
    expect(sets.notice).toMatch(/same personas as the stored set "Generated": it was imported as a new set/);
    const stored = await new PersonaSetStore(db).list();
    expect(stored).toHaveLength(2);
    const original = stored.find((x) => x.id === row.id)!;
    expect(original).toMatchObject({ name: 'Generated', origin: row.origin, census: row.census });
    expect(sets.shareLinkFor(original, 'http://app.test/')).toBe(link);
    // A second import of the same file is a third set, not an overwrite of the second.
    await new Promise((r) => setTimeout(r, 2));
    const third = (await sets.importFile('Generated.csv', file.text))!;
    expect(new Set([row.id, copy.id, third.id]).size).toBe(3);
  });

  it('exports JSONL and CSV, deletes a set and its personas', async () => {
    const db = freshDb();
    const sets = new PersonaSets(db, inProcess);
    const row = (await sets.generate({ seed: 'exp', count: 20, name: 'My set / 1' }))!;
    const jsonl = await sets.exportSet(row.id, 'jsonl');
    expect(jsonl.filename).toBe('My-set-1.jsonl');
    expect(await readPersonaFile(jsonl.filename, jsonl.text)).toEqual({ ok: true, personas: sets.personas });
    expect((await sets.exportSet(row.id, 'csv')).text.startsWith('id,split,age')).toBe(true);
    await sets.remove(row.id);
    expect(sets.sets).toEqual([]);
    expect(sets.personas).toEqual([]);
    expect(await db.personaSetData.count()).toBe(0);
  });

  it('makes share links for default-model sets and regenerates the same set from one on a fresh machine', async () => {
    const sets = new PersonaSets(freshDb(), inProcess);
    const row = (await sets.generate({ seed: 'share', count: 30, maxAge: 40 }))!;
    const link = sets.shareLinkFor(row, 'http://app.test/')!;
    const params = parseShareQuery(link.split('?')[1]!);
    if (!params || params instanceof Error) throw new Error('bad link');
    const elsewhere = new PersonaSets(freshDb(), inProcess);
    const outcome = await elsewhere.openShare(params);
    if (!outcome || outcome === 'confirm') throw new Error('expected the set');
    expect(outcome).toMatchObject({ matches: true, sameModel: true });
    expect(outcome.set.fingerprint).toBe(row.fingerprint);
    expect(outcome.set.origin).toBe('shared');
    // Opened again: the stored set is selected, nothing regenerated.
    expect(await elsewhere.openShare(params)).toMatchObject({ set: { createdAt: outcome.set.createdAt } });
    const tampered = await new PersonaSets(freshDb(), inProcess).openShare({ ...params, fingerprint: '0'.repeat(32) });
    expect(tampered).toMatchObject({ matches: false, sameModel: true });
  });

  it('asks before a share link generates and stores more than 5,000 personas', async () => {
    const db = freshDb();
    const sets = new PersonaSets(db, inProcess);
    const big = { seed: 'big', count: 5_001, model: 'a'.repeat(16) };
    expect(await sets.openShare(big)).toBe('confirm');
    expect(sets.status).toBe('idle');
    expect(await new PersonaSetStore(db).list()).toEqual([]);
    const small = await sets.openShare({ seed: 'small', count: 5, model: 'a'.repeat(16) });
    expect(small).toMatchObject({ set: { count: 5, origin: 'shared' } });
  });

  it('reviews the selected set into a reviewed copy, redraws rejections, leaves the set and its share link as they were, and resumes from the cache', async () => {
    const db = freshDb();
    const sets = new PersonaSets(db, inProcess);
    const row = (await sets.generate({ seed: 'rev', count: 10 }))!;
    const link = sets.shareLinkFor(row, 'http://x/');
    const original = await sets.personasOf(row.id);
    const cache = new DexiePipelineStore(db);
    const stages = new PersonaLlmStages(sets, cache);
    const llm = new ScriptedClient((_, call) => (call === 0 || call === 5 ? 'IMPLAUSIBLE: odd' : 'PLAUSIBLE'));
    expect(await stages.review(llm)).toBe(true);
    expect(stages.reviewReport).toMatchObject({ reviewed: 12, rejected: 2, failed: [] });
    const copy = sets.selected!;
    expect(copy.id).not.toBe(row.id);
    expect(copy).toMatchObject({ name: `${row.name} (reviewed)`, reviewedFrom: row.id, count: 10 });
    expect(copy.fingerprint).not.toBe(row.fingerprint);
    expect(copy.history[0]).toMatch(/^Reviewed copy of “.*” by scripted:scripted-model: 2 of 12 candidates rejected \(16\.7%\)/);
    expect(sets.shareLinkFor(copy, 'http://x/')).toBeUndefined();
    expect(copy.review).toMatchObject({ reviewed: 12, rejected: 2 });
    expect(copy.review!.records[0]!.verdicts[0]!.raw).toBe('IMPLAUSIBLE: odd');
    // The set reviewed is untouched: same personas, fingerprint, history and share link.
    const kept = sets.sets.find((x) => x.id === row.id)!;
    expect(kept).toEqual(row);
    expect(sets.shareLinkFor(kept, 'http://x/')).toBe(link);
    expect(await new PersonaSetStore(db).personas(row.id)).toEqual(original);
    expect(await cache.cachedCalls()).toBe(12); // in the one call cache
    const calls = llm.requests.length;
    expect(await stages.enrich(new ScriptedClient(['Reads detective novels on the porch']), ['personal time'])).toBe(true);
    expect(sets.personas.every((p) => p['personal time'] === 'Reads detective novels on the porch')).toBe(true);
    expect(llm.requests.length).toBe(calls);
  });

  it('lists personas whose review call failed, and Retry asks only those again, into the same copy', async () => {
    const db = freshDb();
    const sets = new PersonaSets(db, inProcess);
    const row = (await sets.generate({ seed: 'rev-fail', count: 6 }))!;
    const stages = new PersonaLlmStages(sets, new DexiePipelineStore(db));
    let down = true;
    const llm = new ScriptedClient((_, n) => (down && n === 2 ? new LlmError('invalid-request', 'Refused by the server.') : 'PLAUSIBLE'));
    expect(await stages.review(llm)).toBe(true);
    const copy = sets.selected!;
    expect(copy.review!.failed).toEqual([{ index: 2, id: (await sets.personasOf(row.id))[2]!.id, error: 'Refused by the server.' }]);
    expect(copy.history[0]).toMatch(/1 review call failed$/);
    down = false;
    const asked = llm.requests.length;
    expect(await stages.retryReview(llm)).toBe(true);
    expect(llm.requests.length - asked).toBe(1);
    expect(sets.selected!.id).toBe(copy.id);
    expect(sets.selected!.review!.failed).toEqual([]);
    expect(sets.sets.filter((x) => x.reviewedFrom === row.id)).toHaveLength(1);
  });
});

describe('PersonaSets with an imported census model', () => {
  it('generates from a stored census import and redraws from it after a reload', async () => {
    const db = freshDb();
    const model = await (await import('../../../src/core/census/index')).loadDefaultCensusModel();
    const imported = { ...model, meta: { ...model.meta, source: 'My state' } };
    await db.censusModels.put({
      id: 'census-test',
      name: 'my-state.csv',
      createdAt: 1,
      meta: imported.meta,
      json: JSON.stringify(imported),
    });
    const sets = new PersonaSets(db, inProcess);
    const row = (await sets.generate({ seed: 'imp-census', count: 15, censusImportId: 'census-test' }))!;
    expect(row.census).toMatchObject({ kind: 'imported', importId: 'census-test', label: 'Imported: my-state.csv' });
    expect(row.census.modelId).not.toBe((await jobs.generateSet({ seed: 'x', count: 1 })).modelId);
    expect(sets.shareLinkFor(row, 'http://x/')).toBeUndefined();
    const id = await sets.prepareModel(row);
    expect(id).toBe(row.census.modelId);
    const r = await sets.jobs.redraw(row.params!, id, 3, 1, 'train');
    expect(r.persona.id).toBe(sets.personas[3]!.id);
    expect(await new PersonaSets(db, inProcess).generate({ seed: 'gone', count: 2, censusImportId: 'nope' })).toBeNull();
  });
});

describe('cancelling a generation', () => {
  /** Jobs whose generation reports progress, then waits until it is cancelled (as the worker does when terminated). */
  const stalling: PersonaJobs = {
    ...inProcess,
    generate: (_params, _model, onProgress, signal) =>
      new Promise((_resolve, reject) => {
        onProgress(1000, 100_000);
        signal?.addEventListener('abort', () => reject(new DOMException('The computation was cancelled.', 'AbortError')));
      }),
  };

  it('stops the job, stores nothing, says so, and lets the next generation run', async () => {
    const db = freshDb();
    const sets = new PersonaSets(db, stalling);
    const pending = sets.generate({ seed: 'big', count: 100_000 });
    await expect.poll(() => sets.progress).toBe(0.01);
    expect(sets.status).toBe('generating');
    sets.cancel();
    expect(await pending).toBeNull();
    expect(sets.status).toBe('idle');
    expect(sets.busy).toBe(false);
    expect(sets.error).toBeNull();
    expect(sets.notice).toBe('Generation cancelled; nothing was stored.');
    expect(await db.personaSets.count()).toBe(0);
    expect(await db.personaSetData.count()).toBe(0);

    const after = new PersonaSets(db, inProcess);
    expect(await after.generate({ seed: 'small', count: 5 })).not.toBeNull();
    expect(after.notice).toBeNull();
    expect(await db.personaSets.count()).toBe(1);
  });

  it('stores nothing when the cancel comes as the result arrives', async () => {
    const db = freshDb();
    let finish: (() => void) | undefined;
    const racing: PersonaJobs = {
      ...inProcess,
      generate: (params, model, onProgress) =>
        new Promise((resolve) => (finish = () => resolve(jobs.generateSet(params, model, onProgress)))),
    };
    const sets = new PersonaSets(db, racing);
    const pending = sets.generate({ seed: 'race', count: 3 });
    await expect.poll(() => finish).toBeDefined();
    finish!();
    sets.cancel();
    expect(await pending).toBeNull();
    expect(sets.notice).toBe('Generation cancelled; nothing was stored.');
    expect(await db.personaSets.count()).toBe(0);
  });

  it('ignores a cancel when no generation runs', () => {
    const sets = new PersonaSets(freshDb(), inProcess);
    sets.cancel();
    expect(sets.status).toBe('idle');
    expect(sets.notice).toBeNull();
  });
});
