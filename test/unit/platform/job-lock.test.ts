import { afterEach, describe, expect, it, vi } from 'vitest';
import { heldJobs, onJobNews, withJobLock } from '../../../src/platform/job-lock';
import { FakeLockManager, LockRegistry } from '../../doubles/lock-manager';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('withJobLock', () => {
  it('runs a job holding its lock and leaves a second start of the same job to the first', async () => {
    vi.stubGlobal('navigator', { locks: new FakeLockManager() });
    let release = () => {};
    const first = withJobLock('run', 'r1', () => new Promise<string>((r) => (release = () => r('first done'))));
    await vi.waitFor(async () => expect(await heldJobs('run')).toEqual(new Set(['r1'])));
    let ran = false;
    expect(await withJobLock('run', 'r1', async () => (ran = true))).toEqual({ ran: false });
    expect(ran).toBe(false);
    // Another job, or the same id of another kind, is not held up.
    expect(await withJobLock('run', 'r2', async () => 2)).toEqual({ ran: true, value: 2 });
    expect(await withJobLock('loo', 'r1', async () => 3)).toEqual({ ran: true, value: 3 });
    expect(await heldJobs('loo')).toEqual(new Set());
    release();
    expect(await first).toEqual({ ran: true, value: 'first done' });
    expect(await heldJobs('run')).toEqual(new Set());
    expect(await withJobLock('run', 'r1', async () => 'again')).toEqual({ ran: true, value: 'again' });
  });

  it('frees the lock when the job fails, and when the tab holding it closes', async () => {
    const registry = new LockRegistry();
    const tabA = new FakeLockManager(registry);
    const tabB = new FakeLockManager(registry);
    vi.stubGlobal('navigator', { locks: tabA });
    await expect(withJobLock('bench', 'b', async () => Promise.reject(new Error('broke')))).rejects.toThrow('broke');
    expect(await heldJobs('bench')).toEqual(new Set());
    void withJobLock('bench', 'b', () => new Promise(() => {})); // tab A's job never ends…
    await vi.waitFor(async () => expect(await heldJobs('bench')).toEqual(new Set(['b'])));
    vi.stubGlobal('navigator', { locks: tabB });
    expect(await withJobLock('bench', 'b', async () => 1)).toEqual({ ran: false });
    registry.closeClient(tabA.clientId); // …until its tab is closed
    expect(await withJobLock('bench', 'b', async () => 1)).toEqual({ ran: true, value: 1 });
  });

  it('runs the job unguarded where the browser has no Web Locks (an insecure context)', async () => {
    vi.stubGlobal('navigator', {});
    expect(await withJobLock('wiki', 'w', async () => 'ok')).toEqual({ ran: true, value: 'ok' });
    expect(await heldJobs('wiki')).toEqual(new Set());
  });

  it('tells the other tabs when a job starts and ends', async () => {
    vi.stubGlobal('navigator', { locks: new FakeLockManager() });
    // Another tab's channel: the job news arrive there (a channel never hears its own messages).
    const other = new BroadcastChannel('persona-lab/jobs');
    const heard: unknown[] = [];
    other.onmessage = (e: MessageEvent) => heard.push(e.data);
    await withJobLock('loo', 'l', async () => {});
    await vi.waitFor(() => expect(heard).toEqual([{ kind: 'loo' }, { kind: 'loo' }]));
    let news = 0;
    const stop = onJobNews('loo', () => news++);
    other.postMessage({ kind: 'run' });
    other.postMessage({ kind: 'loo' });
    await vi.waitFor(() => expect(news).toBe(1));
    stop();
    other.close();
  });
});
