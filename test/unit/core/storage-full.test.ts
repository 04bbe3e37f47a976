// Storage full (#9): the quota error is recognised however it arrives; a run whose store fills up is
// paused (not failed) with a message saying what to free, nothing it stored is lost, and a resume
// once there is room finishes it without asking again any call it had stored.
import { describe, expect, it } from 'vitest';
import { LlmError } from '../../../src/core/llm/errors';
import type { GenerateRequest } from '../../../src/core/llm/types';
import type { CachedCall } from '../../../src/core/pipeline/cache';
import type { RunItem, RunRecord } from '../../../src/core/pipeline/records';
import { executeRun } from '../../../src/core/pipeline/runner';
import { MemoryStore } from '../../../src/core/pipeline/store';
import { isQuotaError } from '../../../src/core/storage-full';
import { EXAMPLE_PERSONAS } from '../../../src/core/personas/examples';
import { PersonaLabDb } from '../../../src/db/database';
import { LooStore } from '../../../src/db/loo-store';
import type { LooJudgementRow } from '../../../src/db/stats-rows';
import { LooState } from '../../../src/state/LooState.svelte';
import { ScriptedClient, dpfResponder } from '../../doubles/scripted-client';
import { clientsOf, config, newRun } from './pipeline/helpers';

/** The browser's quota error as IndexedDB raises it, and as Dexie wraps it when it aborts a transaction. */
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const dexieAbort = () => Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quota() });

/** A store that fills up: after `room` checkpoints every write is refused whole, as IndexedDB does. */
class FillingStore extends MemoryStore {
  full = false;
  constructor(public room: number) {
    super();
  }
  override async checkpoint(item: RunItem | undefined, call?: CachedCall): Promise<void> {
    if (this.full || this.room-- <= 0) {
      this.full = true;
      throw dexieAbort();
    }
    return super.checkpoint(item, call);
  }
  override async putRun(run: RunRecord): Promise<void> {
    if (this.full) throw dexieAbort();
    return super.putRun(run);
  }
}

const asKey = (r: GenerateRequest) => JSON.stringify([r.messages, r.seed]);

describe('isQuotaError', () => {
  it('knows the quota error from IndexedDB, the Cache API, Dexie and a cause chain, and nothing else', () => {
    expect(isQuotaError(quota())).toBe(true);
    expect(isQuotaError(dexieAbort())).toBe(true);
    expect(isQuotaError(new Error('write failed', { cause: quota() }))).toBe(true);
    expect(isQuotaError(new LlmError('quota', 'Browser storage is full, so the model cannot be saved.'))).toBe(true);
    expect(isQuotaError(new Error('Transaction aborted'))).toBe(false);
    expect(isQuotaError(new DOMException('gone', 'NotFoundError'))).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
    expect(isQuotaError('quota')).toBe(false);
  });
});

describe('a run when storage fills up', () => {
  it('is paused with what to free, keeps what it stored, and resumes to the end asking nothing twice', async () => {
    const store = new FillingStore(1000);
    const llm = new ScriptedClient(dpfResponder);
    const runId = await newRun(store, config(llm, { concurrency: 2 }));
    store.room = 9; // room for nine more checkpoints
    const out = await executeRun(runId, { store, clients: clientsOf(llm) });
    expect(out.status).toBe('paused');
    expect(out.error).toMatch(/storage is full, so the run was paused.*Free space.*nothing already stored was lost/);
    const kept = new Map(store.items);
    const cached = new Map(store.calls);
    expect(cached.size).toBeGreaterThan(0);
    // Nothing was deleted or rewritten by the failure.
    expect(store.items).toEqual(kept);

    // Space is freed; the run resumes from what was stored.
    store.full = false;
    store.room = Infinity;
    const answered = new Set(llm.requests.map(asKey));
    const before = llm.requests.length;
    const again = await executeRun(runId, { store, clients: clientsOf(llm) });
    expect(again.status).toBe('done');
    // Every call stored before storage filled is reused (from its item or the call cache); only the calls answered but
    // refused by the full store are asked again, and the two sessions ask what one clean run asks plus those.
    const asked = llm.requests.slice(before);
    const lost = before - cached.size;
    expect(asked.filter((r) => answered.has(asKey(r)))).toHaveLength(lost);
    const clean = new ScriptedClient(dpfResponder);
    const fresh = new MemoryStore();
    await executeRun(await newRun(fresh, config(clean, { concurrency: 2 })), { store: fresh, clients: clientsOf(clean) });
    expect(before + asked.length).toBe(clean.requests.length + lost);
    for (const [id, item] of kept) if (item.status === 'done') expect(store.items.get(id)).toEqual(item);
  });
});

describe('a leave-one-out run when storage fills up', () => {
  it('is stopped (resumable) with the storage-full message, and resumes from its stored judgements', async () => {
    const db = new PersonaLabDb(`loo-full-${Math.random()}`);
    let room = 3;
    const store = new (class extends LooStore {
      override async putJudgements(rows: LooJudgementRow[]): Promise<void> {
        if (room-- <= 0) throw dexieAbort();
        return super.putJudgements(rows);
      }
    })(db);
    const loo = new LooState(store);
    await loo.load();
    const questions = [
      { id: 'q1', text: 'Should I move abroad?' },
      { id: 'q2', text: 'Is saving for retirement early worth it?' },
    ];
    await loo.create('full', { personas: EXAMPLE_PERSONAS, attributes: ['age', 'religion'], perAttribute: 2, questions, seed: 's' }, 'x');
    await loo.start(new ScriptedClient(dpfResponder));
    expect(loo.current).toMatchObject({ status: 'stopped' });
    expect(loo.error).toMatch(/storage is full, so the run was paused/);
    expect(loo.judgements).toHaveLength(3 * 2);
    room = Infinity;
    await loo.start(new ScriptedClient(dpfResponder));
    expect(loo.current).toMatchObject({ status: 'done' });
    expect(loo.judgements).toHaveLength(2 * 2 * 2 * 2);
    db.close();
    await db.delete();
  });
});
