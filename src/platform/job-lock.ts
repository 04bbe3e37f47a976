/**
 * Cross-tab job locks (Web Locks API): a run, a leave-one-out run, a bench or a WikiPersonas study
 * holds the lock named after its kind and id for as long as it runs, so a second tab of the app
 * cannot run the same job a second time. The browser frees a lock when its tab closes or crashes,
 * so another tab can then resume the job. Tabs also tell each other (BroadcastChannel) when a job
 * starts or ends, so a tab that shows the job can say "running in another tab" at once.
 */

/** The kinds of long jobs; part of each lock's name. */
export type JobKind = 'run' | 'loo' | 'bench' | 'wiki';

/** What `withJobLock` did: ran the job (with its value), or left it because another tab holds its lock. */
export type JobLockOutcome<T> = { readonly ran: true; readonly value: T } | { readonly ran: false };

const PREFIX = 'persona-lab/job/';
const CHANNEL = 'persona-lab/jobs';

const lockName = (kind: JobKind, id: string) => `${PREFIX}${kind}/${id}`;

/** The browser's lock manager; undefined where there is none (an insecure context, an old browser, Node). */
function lockManager(): LockManager | undefined {
  return typeof navigator === 'undefined' ? undefined : (navigator.locks as LockManager | undefined);
}

let channel: BroadcastChannel | undefined;

/** The app's one channel for job news (made on first use; undefined where BroadcastChannel is missing). */
function jobChannel(): BroadcastChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  if (!channel) {
    channel = new BroadcastChannel(CHANNEL);
    (channel as { unref?: () => void }).unref?.(); // Node (unit tests): an open channel must not keep the process alive
  }
  return channel;
}

/** Tells the other tabs that a job of `kind` started or ended. */
function announce(kind: JobKind): void {
  jobChannel()?.postMessage({ kind });
}

/**
 * Runs `job` while holding the lock of `kind`/`id`; resolves `{ ran: false }` at once, without
 * running it, when another tab (or this one) holds that lock. Without Web Locks the job runs
 * unguarded: there is nothing to coordinate with.
 */
export async function withJobLock<T>(kind: JobKind, id: string, job: () => Promise<T>): Promise<JobLockOutcome<T>> {
  const locks = lockManager();
  if (!locks) return { ran: true, value: await job() };
  return locks.request(lockName(kind, id), { ifAvailable: true }, async (lock): Promise<JobLockOutcome<T>> => {
    if (!lock) return { ran: false };
    announce(kind);
    try {
      return { ran: true, value: await job() };
    } finally {
      announce(kind);
    }
  });
}

/** The ids of `kind`'s jobs whose lock a tab holds now (this tab included); empty without Web Locks. */
export async function heldJobs(kind: JobKind): Promise<Set<string>> {
  const locks = lockManager();
  if (!locks) return new Set();
  const { held = [] } = await locks.query();
  const prefix = `${PREFIX}${kind}/`;
  return new Set(held.flatMap((l) => (l.name?.startsWith(prefix) ? [l.name.slice(prefix.length)] : [])));
}

/** Calls `onNews` whenever another tab says a job of `kind` started or ended; returns the unsubscribe function. */
export function onJobNews(kind: JobKind, onNews: () => void): () => void {
  const c = jobChannel();
  if (!c) return () => {};
  const listener = (e: MessageEvent<{ kind?: unknown }>) => {
    if (e.data?.kind === kind) onNews();
  };
  c.addEventListener('message', listener);
  return () => c.removeEventListener('message', listener);
}
