/**
 * What the header says about the backend that answers: WebGPU with its model and whether it is
 * loaded, loading or absent, or the server's address (never its credentials) and model. Pure, so
 * the wording is unit-tested; the header reads it from the settings and the model manager.
 */
import type { LlmSettings } from '../../db/settings-store';

/** The WebGPU side as the model manager holds it. */
export interface WebGpuState {
  /** The model loaded in the GPU. */
  readonly loaded?: string | undefined;
  /** The model being loaded. */
  readonly loading?: string | undefined;
  /** The load's overall progress in [0, 1]. */
  readonly progress?: number | undefined;
  /** The model that was loaded until the device was lost. */
  readonly lost?: string | undefined;
}

/** One line of the header. */
export interface BackendSummary {
  /** "WebGPU" or "Server". */
  readonly backend: string;
  /** The model, or undefined when none is chosen or loaded. */
  readonly model?: string;
  /** "loaded", "loading 45%", "no model loaded", "no model chosen", "no address", "lost". */
  readonly state: string;
  /** Whether the backend can answer now (a loaded model, or an address and a model). */
  readonly ready: boolean;
  /** The server's address as shown, without `user:password@`, query or fragment. */
  readonly address?: string;
}

/** A server address as it may be shown: no `user:password@`, no query (`?api_key=`), no fragment, no trailing slash. */
export function shownAddress(baseUrl: string): string {
  return baseUrl
    .trim()
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
}

/** The header's line for the chosen backend. */
export function backendSummary(llm: LlmSettings, gpu: WebGpuState): BackendSummary {
  if (llm.backend === 'openai-http') {
    const address = shownAddress(llm.baseUrl);
    const model = llm.httpModel.trim();
    const state = !address ? 'no address' : !model ? 'no model chosen' : 'ready';
    return { backend: 'Server', ...(model ? { model } : {}), ...(address ? { address } : {}), state, ready: state === 'ready' };
  }
  if (gpu.loading) {
    const pct = gpu.progress === undefined ? '' : ` ${Math.round(gpu.progress * 100)}%`;
    return { backend: 'WebGPU', model: gpu.loading, state: `loading${pct}`, ready: false };
  }
  if (gpu.loaded) return { backend: 'WebGPU', model: gpu.loaded, state: 'loaded', ready: true };
  if (gpu.lost) return { backend: 'WebGPU', model: gpu.lost, state: 'lost', ready: false };
  return { backend: 'WebGPU', state: 'no model loaded', ready: false };
}
