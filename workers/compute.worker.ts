/**
 * The compute worker: heavy pure work off the main thread (statistics over hundreds of thousands of
 * labels, bootstrap, imports). Each capability adds its functions on its own line of `api`.
 */
import { expose } from 'comlink';
import { statsApi } from './compute-stats';

const api = {
  ...statsApi, // agreement statistics, judge analyses, label imports, simulations (#5)
};

export type ComputeWorkerApi = typeof api;
expose(api);
