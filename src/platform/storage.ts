/** Browser storage: how much is used and available, and whether it is protected from eviction. */

/** Storage figures; fields are undefined where the browser does not tell. */
export interface StorageState {
  /** Bytes this origin uses (models, database). */
  readonly usedBytes?: number;
  /** Bytes this origin may use in total. */
  readonly quotaBytes?: number;
  /** Whether the browser granted persistent storage (not evicted under pressure). */
  readonly persisted?: boolean;
  /** Bytes by where they are kept, where the browser tells (Chromium): IndexedDB, the Cache API, service workers. */
  readonly byStore?: { readonly indexedDB?: number; readonly caches?: number; readonly serviceWorkers?: number };
}

/** Chromium's breakdown of `estimate()` (not in the standard's types). */
interface UsageDetails {
  readonly indexedDB?: number;
  readonly caches?: number;
  readonly serviceWorkerRegistrations?: number;
}

/** Reads usage, quota and persistence. */
export async function readStorage(): Promise<StorageState> {
  const storage = navigator.storage;
  if (!storage) return {};
  const [estimate, persisted] = await Promise.all([
    storage.estimate?.().catch(() => undefined),
    storage.persisted?.().catch(() => undefined),
  ]);
  return {
    ...(estimate?.usage !== undefined ? { usedBytes: estimate.usage } : {}),
    ...(estimate?.quota !== undefined ? { quotaBytes: estimate.quota } : {}),
    ...(persisted !== undefined ? { persisted } : {}),
    ...byStore((estimate as { usageDetails?: UsageDetails } | undefined)?.usageDetails),
  };
}

function byStore(d: UsageDetails | undefined): Pick<StorageState, 'byStore'> {
  if (!d) return {};
  return {
    byStore: {
      ...(d.indexedDB !== undefined ? { indexedDB: d.indexedDB } : {}),
      ...(d.caches !== undefined ? { caches: d.caches } : {}),
      ...(d.serviceWorkerRegistrations !== undefined ? { serviceWorkers: d.serviceWorkerRegistrations } : {}),
    },
  };
}

/** Asks for persistent storage so cached models survive storage pressure; resolves to whether it was granted. */
export async function requestPersistence(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}
