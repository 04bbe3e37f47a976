/**
 * The LLM worker: holds one web-llm `MLCEngine` (a plain engine, not web-llm's own worker handler,
 * which cannot share a port with comlink) and exposes `createLlmApi` over it with comlink.
 *
 * Test hook: an end-to-end test may set `globalThis.__personaLabEngineFactory` inside this worker
 * (through Playwright's `Worker.evaluate`, see test/e2e/scripted-engine.ts) before the first load;
 * the engine then comes from that factory. The production build contains this check but no engine
 * other than web-llm's.
 */
import { expose } from 'comlink';
import { deleteModelAllInfoInCache, MLCEngine, prebuiltAppConfig } from '@mlc-ai/web-llm';
import { createLlmApi } from './llm-api';
import type { EngineLike } from './llm-types';
import { cacheEntries, probeGpu, watchFetches } from './llm-platform';

declare global {
  /** Set only by end-to-end tests, inside this worker; gets the engine configuration web-llm's engine would. */
  var __personaLabEngineFactory: ((config: { appConfig: typeof prebuiltAppConfig }) => EngineLike) | undefined;
}

const api = createLlmApi({
  createEngine: () =>
    globalThis.__personaLabEngineFactory?.({ appConfig: prebuiltAppConfig }) ??
    new MLCEngine({ logLevel: 'WARN', appConfig: prebuiltAppConfig }),
  records: () => prebuiltAppConfig.model_list,
  cacheEntries,
  deleteModel: (id) => deleteModelAllInfoInCache(id),
  probeGpu,
  onFetch: watchFetches,
});

export type LlmWorkerApi = typeof api;
expose(api);
