/**
 * When the WebGPU runtime starts. The LLM worker bundles web-llm (2.1 MB gzipped), so it is started
 * only where a WebGPU model can be used: with WebGPU as the chosen backend (the catalogue, the cached
 * models and the loaded one are then shown), or when a WebGPU model is loaded (`ModelManager.load`,
 * `clientFor`). With a server chosen, a page runs the capability check alone.
 */
import type { Services } from './services';

/**
 * Starts what the page needs of the WebGPU side, once the stored settings are read. Reads reactive
 * state: a page calls it inside `$effect`, so choosing WebGPU later starts the runtime then.
 */
export function startModels(s: Pick<Services, 'models' | 'settings'>): void {
  if (!s.settings.ready) return;
  if (s.settings.llm.backend === 'webllm') void s.models.start();
  else void s.models.probe();
}
