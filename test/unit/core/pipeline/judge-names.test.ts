import { describe, expect, it } from 'vitest';
import type { RoleSpec } from '../../../../src/core/pipeline/config';
import { judgeNames } from '../../../../src/core/pipeline/judge-names';

const j = (model: string, sampling: RoleSpec['sampling'], baseUrl?: string): RoleSpec => ({
  model: { backend: baseUrl ? 'openai-http' : 'webllm', model, ...(baseUrl ? { baseUrl } : {}) },
  sampling,
});

describe('judgeNames', () => {
  it('names judges by their model when the models differ', () => {
    expect(judgeNames([j('a', { temperature: 0 }), j('b', { temperature: 0 }), j('a', { temperature: 0 }, 'http://h')])).toEqual([
      'webllm:a',
      'webllm:b',
      'openai-http:a@http://h',
    ]);
  });
  it('adds the settings that differ to judges sharing a model', () => {
    const names = judgeNames([
      j('a', { temperature: 0, max_tokens: 160 }),
      j('a', { temperature: 0.7, max_tokens: 160 }),
      j('a', { max_tokens: 160 }),
      j('b', { temperature: 1 }),
    ]);
    expect(names).toEqual(['webllm:a · temperature 0', 'webllm:a · temperature 0.7', 'webllm:a · temperature default', 'webllm:b']);
    expect(new Set(names).size).toBe(4);
  });
  it('numbers judges the same in every setting', () => {
    expect(judgeNames([j('a', { temperature: 0 }), j('a', { temperature: 0 }), j('a', { temperature: 1 })])).toEqual([
      'webllm:a · temperature 0 · #1',
      'webllm:a · temperature 0 · #2',
      'webllm:a · temperature 1',
    ]);
  });
});
