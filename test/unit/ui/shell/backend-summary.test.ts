import { describe, expect, it } from 'vitest';
import { DEFAULT_LLM } from '../../../../src/db/settings-store';
import { backendSummary, shownAddress } from '../../../../src/ui/shell/backend-summary';

describe('the header backend line', () => {
  it('shows a server address without user:password@, query or fragment', () => {
    expect(shownAddress('http://user:secret@127.0.0.1:8080/v1?api_key=zzz#x')).toBe('http://127.0.0.1:8080/v1');
    expect(shownAddress(' https://token@api.example.org/v1/ ')).toBe('https://api.example.org/v1');
    expect(shownAddress('http://localhost:11434/v1')).toBe('http://localhost:11434/v1');
    expect(shownAddress('')).toBe('');
  });

  it('names the server and its model, or what is missing', () => {
    const server = { ...DEFAULT_LLM, backend: 'openai-http' as const, baseUrl: 'http://u:p@h:1/v1', httpModel: 'tiny' };
    expect(backendSummary(server, {})).toEqual({ backend: 'Server', address: 'http://h:1/v1', model: 'tiny', state: 'ready', ready: true });
    expect(backendSummary({ ...server, httpModel: ' ' }, {})).toMatchObject({ state: 'no model chosen', ready: false });
    expect(backendSummary({ ...server, baseUrl: '' }, {})).toMatchObject({ state: 'no address', ready: false });
  });

  it('says whether a WebGPU model is loaded, loading (with its progress), lost or absent', () => {
    expect(backendSummary(DEFAULT_LLM, {})).toEqual({ backend: 'WebGPU', state: 'no model loaded', ready: false });
    expect(backendSummary(DEFAULT_LLM, { loading: 'm', progress: 0.456 })).toEqual({
      backend: 'WebGPU',
      model: 'm',
      state: 'loading 46%',
      ready: false,
    });
    expect(backendSummary(DEFAULT_LLM, { loading: 'm' })).toMatchObject({ state: 'loading' });
    expect(backendSummary(DEFAULT_LLM, { loaded: 'm' })).toEqual({ backend: 'WebGPU', model: 'm', state: 'loaded', ready: true });
    expect(backendSummary(DEFAULT_LLM, { lost: 'm' })).toMatchObject({ model: 'm', state: 'lost', ready: false });
  });
});
