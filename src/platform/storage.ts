/** Browser storage: how much is used and available, and whether it is protected from eviction. */

/** Storage figures; fields are undefined where the browser does not tell. */
export interface StorageState {
  /** Bytes this origin uses (models, database). */
  readonly usedBytes?: number;
  /** Bytes this origin may use in total. */
  readonly quotaBytes?: number;
  /** Whether the browser granted persistent storage (not evicted under pressure). */
  readonly persisted?: boolean;
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
