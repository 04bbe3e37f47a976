import { describe, expect, it } from 'vitest';
import { DEFAULT_LLM, type LlmSettings } from '../../../src/db/settings-store';
import { activeModel, roleChoices } from '../../../src/state/role-models';
import type { Services } from '../../../src/state/services';

/** The two pieces of state roleChoices reads, as plain objects. */
function state(llm: Partial<LlmSettings>, gpu: { loaded?: string; cached?: string[]; recommended?: string } = {}) {
  return {
    settings: { llm: { ...DEFAULT_LLM, ...llm } },
    models: {
      loaded: gpu.loaded,
      cached: (gpu.cached ?? []).map((id) => ({ id })),
      recommended: gpu.recommended ? { id: gpu.recommended } : undefined,
    },
  } as unknown as Pick<Services, 'models' | 'settings'>;
}

describe('roleChoices', () => {
  it('puts the server first when a server is the backend chosen on Models', () => {
    const keys = roleChoices(
      state(
        { backend: 'openai-http', baseUrl: 'http://127.0.0.1:8080/v1', httpModel: 'tiny' },
        { recommended: 'Llama-3.2-1B-Instruct-q4f32_1-MLC' },
      ),
    ).map((c) => c.ref.backend);
    expect(keys).toEqual(['openai-http', 'webllm']);
  });

  it('puts the WebGPU models first when WebGPU is the backend, the loaded one before the cached', () => {
    const choices = roleChoices(
      state({ backend: 'webllm', baseUrl: 'http://127.0.0.1:8080/v1', httpModel: 'tiny' }, { loaded: 'a', cached: ['b', 'a'] }),
    );
    expect(choices.map((c) => `${c.ref.backend}:${c.ref.model}`)).toEqual(['webllm:a', 'webllm:b', 'openai-http:tiny']);
  });

  it('lists no server without both an address and a model, and no credentials in its address', () => {
    expect(
      roleChoices(state({ backend: 'openai-http', baseUrl: 'http://x/v1', httpModel: '' }, { recommended: 'm' })).map((c) => c.ref.backend),
    ).toEqual(['webllm']);
    const [first] = roleChoices(state({ backend: 'openai-http', baseUrl: 'http://me:secret@host:1/v1', httpModel: 'm' }));
    expect(first?.ref).toEqual({ backend: 'openai-http', model: 'm', baseUrl: 'http://host:1/v1' });
    expect(first?.label).not.toContain('secret');
  });
});

describe('activeModel', () => {
  it('is the server when it is the backend, the loaded WebGPU model otherwise, and nothing when no model answers', () => {
    const server = { backend: 'openai-http' as const, baseUrl: 'http://127.0.0.1:8080/v1', httpModel: 'tiny' };
    expect(activeModel(state(server, { loaded: 'a' }))?.ref).toEqual({ backend: 'openai-http', model: 'tiny', baseUrl: server.baseUrl });
    expect(activeModel(state({ ...server, backend: 'webllm' }, { loaded: 'a' }))?.ref).toEqual({ backend: 'webllm', model: 'a' });
    expect(activeModel(state({ ...server, backend: 'webllm' }, { cached: ['b'], recommended: 'c' }))).toBeUndefined();
    expect(activeModel(state({ ...server, httpModel: '' }, { recommended: 'c' }))).toBeUndefined();
  });
});
