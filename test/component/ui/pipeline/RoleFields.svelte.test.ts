import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { RoleSpec } from '../../../../src/core/pipeline/config';
import type { RoleChoice } from '../../../../src/state/role-models';
import RoleFields from '../../../../src/ui/pipeline/RoleFields.svelte';
import { render } from '../../mount';

const CHOICES: RoleChoice[] = [
  { key: 'server', label: 'Lab server · llama-8b', ref: { backend: 'openai-http', model: 'llama-8b', baseUrl: 'http://127.0.0.1:9/v1' } },
  { key: 'webgpu', label: 'This browser · Qwen3-0.6B', ref: { backend: 'webllm', model: 'Qwen3-0.6B-q4f16_1-MLC' } },
];
const DEFAULTS = { temperature: 0.2, top_p: 0.9, max_tokens: 300 };

/** Mounts the fields for one role, as the run form does (it keeps the latest role it is told). */
function mountRole(choices: readonly RoleChoice[] = CHOICES) {
  const calls: (RoleSpec | undefined)[] = [];
  let value = $state<RoleSpec | undefined>();
  const { target } = render(RoleFields, {
    label: 'Critic',
    choices,
    get value() {
      return value;
    },
    defaults: DEFAULTS,
    onChange: (r: RoleSpec | undefined) => {
      calls.push(r);
      value = r;
    },
  });
  const field = (name: string) =>
    [...target.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(name))?.querySelector('input');
  return { target, calls, field, select: target.querySelector('select')! };
}

describe('RoleFields', () => {
  it('starts on the first choice with the role default sampling, and says so once', () => {
    const { target, calls, select, field } = mountRole();
    expect(target.querySelector('legend')?.textContent).toBe('Critic');
    expect(select.getAttribute('aria-label')).toBe('Critic model');
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Lab server · llama-8b',
      'This browser · Qwen3-0.6B',
      'Another OpenAI-compatible server…',
    ]);
    expect(select.value).toBe('server');
    expect(field('Temperature')?.valueAsNumber).toBe(0.2);
    expect(field('top_p')?.valueAsNumber).toBe(0.9);
    expect(field('Max tokens')?.valueAsNumber).toBe(300);
    // A listed model asks for no server fields.
    expect(field('Server URL')).toBeUndefined();
    expect(field('Model name')).toBeUndefined();
    expect(calls).toEqual([{ model: CHOICES[0]!.ref, sampling: DEFAULTS }]);
  });

  it('reports the model picked and every sampling change', async () => {
    const { calls, select, field } = mountRole();
    await userEvent.selectOptions(select, 'webgpu');
    flushSync();
    expect(calls.at(-1)).toEqual({ model: CHOICES[1]!.ref, sampling: DEFAULTS });
    await userEvent.fill(field('Temperature')!, '0.7');
    flushSync();
    expect(calls.at(-1)).toEqual({ model: CHOICES[1]!.ref, sampling: { ...DEFAULTS, temperature: 0.7 } });
    await userEvent.fill(field('Max tokens')!, '1024');
    flushSync();
    expect(calls.at(-1)?.sampling).toEqual({ temperature: 0.7, top_p: 0.9, max_tokens: 1024 });
  });

  it('asks for a server URL and a model name for another server, and reports no role until both are given', async () => {
    const { calls, select, field } = mountRole();
    await userEvent.selectOptions(select, '__other__');
    flushSync();
    expect(field('Server URL')?.type).toBe('url');
    expect(field('Model name')).toBeDefined();
    expect(calls.at(-1)).toBeUndefined();
    await userEvent.fill(field('Server URL')!, ' http://127.0.0.1:8000/v1 ');
    flushSync();
    expect(calls.at(-1)).toBeUndefined();
    await userEvent.fill(field('Model name')!, 'meta-llama/Llama-3.1-8B-Instruct');
    flushSync();
    expect(calls.at(-1)).toEqual({
      model: { backend: 'openai-http', model: 'meta-llama/Llama-3.1-8B-Instruct', baseUrl: 'http://127.0.0.1:8000/v1' },
      sampling: DEFAULTS,
    });
  });

  it('with nothing to choose, offers only another server and reports no role', () => {
    const { select, calls, field } = mountRole([]);
    expect([...select.options].map((o) => o.value)).toEqual(['__other__']);
    expect(field('Server URL')).toBeDefined();
    expect(calls).toEqual([]);
  });
});
