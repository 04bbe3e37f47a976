/**
 * The seam between runs and the foundation's model manager: which models a run's roles can use
 * (the WebGPU models this browser has loaded or cached, and the OpenAI-compatible server set on the
 * Models page, or another server typed in), and the `LlmClient` for a chosen one, loading a WebGPU
 * model first when another is in the GPU.
 */
import { OpenAiHttpClient, withoutSecrets } from '../core/llm/openai-http';
import { LlmError } from '../core/llm/errors';
import type { LlmClient } from '../core/llm/types';
import { modelLabel, type ModelRef } from '../core/pipeline/config';
import type { Services } from './services';

/** A model a role can use. */
export interface RoleChoice {
  /** Stable key for selects. */
  readonly key: string;
  /** What people see. */
  readonly label: string;
  /** The model. */
  readonly ref: ModelRef;
}

/**
 * The choices, the active backend's first (the one the header shows, so a new run's roles default
 * to it): with a server chosen on the Models page, that server and its model, then the WebGPU models;
 * with WebGPU chosen, the WebGPU models (loaded first, then cached, then the one chosen on the Models
 * page), then the configured server.
 */
export function roleChoices(s: Pick<Services, 'models' | 'settings'>): RoleChoice[] {
  const out: RoleChoice[] = [];
  const add = (ref: ModelRef, label: string) => {
    const key = modelLabel(ref);
    if (!out.some((c) => c.key === key)) out.push({ key, label, ref });
  };
  const { models, settings } = s;
  const baseUrl = withoutSecrets(settings.llm.baseUrl.trim());
  const httpModel = settings.llm.httpModel.trim();
  const server = () => {
    if (baseUrl && httpModel) add({ backend: 'openai-http', model: httpModel, baseUrl }, `Server ${baseUrl}: ${httpModel}`);
  };
  if (settings.llm.backend === 'openai-http') server();
  if (models.loaded) add({ backend: 'webllm', model: models.loaded }, `This browser (WebGPU): ${models.loaded} — loaded`);
  for (const c of models.cached) add({ backend: 'webllm', model: c.id }, `This browser (WebGPU): ${c.id} — downloaded`);
  const wanted = settings.llm.webllmModel ?? models.recommended?.id;
  if (wanted) add({ backend: 'webllm', model: wanted }, `This browser (WebGPU): ${wanted}`);
  server();
  return out;
}

/**
 * The model that answers now, for jobs that need one and offer no choice (the prompt topic
 * classifier): the server when it is the chosen backend, else the WebGPU model loaded; undefined
 * when neither (no model is downloaded for this).
 */
export function activeModel(s: Pick<Services, 'models' | 'settings'>): RoleChoice | undefined {
  const first = roleChoices(s)[0];
  if (!first) return undefined;
  if (first.ref.backend === 'openai-http') return s.settings.llm.backend === 'openai-http' ? first : undefined;
  return s.models.loaded === first.ref.model ? first : undefined;
}

/** Checks that a run's roles can run together: one WebGPU model at a time fits in the GPU. */
export function checkRoles(refs: readonly ModelRef[]): string | undefined {
  const gpu = new Set(refs.filter((r) => r.backend === 'webllm').map((r) => r.model));
  if (gpu.size > 1)
    return `The roles use ${gpu.size} WebGPU models (${[...gpu].join(', ')}); one model fits in this GPU at a time. Use one WebGPU model, and a server for the others.`;
  const bad = refs.find((r) => r.backend === 'openai-http' && !(r.baseUrl && r.model));
  if (bad) return 'A server role needs both an address and a model name.';
  return undefined;
}

/** The client for a role's model; a WebGPU model is loaded first when it is not the one in the GPU. */
export async function clientFor(ref: ModelRef, s: Pick<Services, 'models' | 'settings' | 'llmWorker'>): Promise<LlmClient> {
  if (ref.backend === 'webllm') {
    await s.models.start();
    if (s.models.loaded !== ref.model) {
      const ok = await s.models.load(ref.model);
      if (!ok)
        throw (
          s.models.error ??
          new LlmError('model-not-loaded', `${ref.model} could not be loaded.`, { hint: 'Open the Models page to see why.' })
        );
    }
    return s.llmWorker.client(ref.model);
  }
  if (ref.backend === 'openai-http') {
    const apiKey = withoutSecrets(s.settings.llm.baseUrl.trim()) === ref.baseUrl ? s.settings.llm.apiKey : '';
    return new OpenAiHttpClient({ baseUrl: ref.baseUrl ?? '', model: ref.model, ...(apiKey ? { apiKey } : {}), ...s.settings.timeouts() });
  }
  throw new LlmError('model-not-loaded', `The backend "${ref.backend}" of ${ref.model} is not available in this browser.`, {
    hint: 'Imported runs can be browsed and exported; judge them with a model from the list.',
  });
}
