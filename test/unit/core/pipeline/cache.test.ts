import { describe, expect, it } from 'vitest';
import { cacheKey, canonicalJson, type CallIdentity } from '../../../../src/core/pipeline/cache';

const base: CallIdentity = {
  client: 'openai-http:m@http://127.0.0.1:8000/v1',
  request: {
    messages: [{ role: 'user', content: 'Should voting be compulsory?' }],
    temperature: 0.7,
    top_p: 0.9,
    max_tokens: 100,
    seed: 7,
    stop: ['DONE'],
  },
  sampleIndex: 0,
  templateVersion: 'base-answer@0000000000000000',
  attempt: 0,
};

describe('cacheKey', () => {
  it('is stable and ignores key order and undefined fields', () => {
    const reordered: CallIdentity = {
      ...base,
      request: { stop: ['DONE'], seed: 7, max_tokens: 100, top_p: 0.9, temperature: 0.7, messages: base.request.messages },
    };
    expect(cacheKey(base)).toBe(cacheKey(reordered));
    expect(cacheKey({ ...base, request: { ...base.request, jsonSchema: undefined } })).toBe(cacheKey(base));
    expect(cacheKey(base)).toMatch(/^c-[0-9a-f]{32}$/);
  });

  it('changes with every sampling parameter and every part of the identity', () => {
    const variants: CallIdentity[] = [
      { ...base, request: { ...base.request, temperature: 0.8 } },
      { ...base, request: { ...base.request, temperature: undefined } },
      { ...base, request: { ...base.request, top_p: 1 } },
      { ...base, request: { ...base.request, max_tokens: 101 } },
      { ...base, request: { ...base.request, seed: 8 } },
      { ...base, request: { ...base.request, stop: ['END'] } },
      { ...base, request: { ...base.request, stop: undefined } },
      { ...base, request: { ...base.request, jsonSchema: { type: 'object' } } },
      { ...base, request: { ...base.request, messages: [{ role: 'user', content: 'Should voting be compulsory? ' }] } },
      { ...base, request: { ...base.request, messages: [{ role: 'system', content: 'Should voting be compulsory?' }] } },
      { ...base, request: { ...base.request, thinking: false } },
      { ...base, client: 'webllm:m' },
      { ...base, client: 'openai-http:m2@http://127.0.0.1:8000/v1' },
      { ...base, client: 'openai-http:m@http://127.0.0.1:8001/v1' },
      { ...base, sampleIndex: 1 },
      { ...base, templateVersion: 'base-answer@0000000000000001' },
      { ...base, attempt: 1 },
    ];
    const keys = new Set([cacheKey(base), ...variants.map(cacheKey)]);
    expect(keys.size).toBe(variants.length + 1);
  });

  it('writes canonical JSON', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: undefined, c: null }] })).toBe('{"a":[2,{"c":null}],"b":1}');
  });
});
