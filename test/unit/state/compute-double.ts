/**
 * A ComputeClient that runs the compute worker's API in the same thread, for state tests in Node
 * (no Worker there). Only the transport differs from the page.
 */
import type { Remote } from 'comlink';
import type { ComputeClient } from '../../../src/platform/compute-client';
import type { ComputeWorkerApi } from '../../../workers/compute.worker';
import { statsApi } from '../../../workers/compute-stats';

/** The in-thread client. */
export function inThreadCompute(): ComputeClient {
  const api = { ...statsApi } as unknown as Remote<ComputeWorkerApi>;
  return {
    run: <T>(fn: (a: Remote<ComputeWorkerApi>) => Promise<T>) => fn(api),
    progress: <F>(f: F) => f,
  } as unknown as ComputeClient;
}
