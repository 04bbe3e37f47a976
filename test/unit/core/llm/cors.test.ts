import { afterEach, describe, expect, it } from 'vitest';
import { corsSettings, pageOrigin, unreachableError } from '../../../../src/core/llm/cors';
import { listModels, OpenAiHttpClient } from '../../../../src/core/llm/openai-http';

const ORIGIN = 'http://localhost:5173';
const g = globalThis as { origin?: unknown };

/** A fetch as a browser's: the CORS request fails like a dead host; the no-cors one gets through when the host is up. */
function browserFetch(hostUp: boolean) {
  const modes: (string | undefined)[] = [];
  const f = (async (_url: string, init?: { mode?: string }) => {
    modes.push(init?.mode);
    if (init?.mode === 'no-cors' && hostUp) return new Response(null, { status: 200 });
    throw new TypeError('Failed to fetch');
  }) as unknown as typeof fetch;
  return { f, modes };
}

afterEach(() => {
  delete g.origin;
});

describe('CORS diagnosis', () => {
  it('names a CORS problem when the host answers a no-cors request, with every server setting for this origin', async () => {
    g.origin = ORIGIN;
    const { f, modes } = browserFetch(true);
    const e = await unreachableError('http://127.0.0.1:8080/v1/models', new TypeError('Failed to fetch'), f);
    expect(modes).toEqual(['no-cors']);
    expect(e.kind).toBe('cors');
    expect(e.message).toContain('127.0.0.1:8080 answered, but without CORS headers allowing this page (http://localhost:5173)');
    expect(e.hint).toContain(`OLLAMA_ORIGINS=${ORIGIN} ollama serve`);
    expect(e.hint).toContain(`--cors-origins ${ORIGIN}`);
    expect(e.hint).toContain(`--allowed-origins '["${ORIGIN}"]'`);
    expect(e.hint).toContain('lms server start --cors');
  });

  it('keeps a network error when the host is down, in Node, for the page itself, or after part of a reply', async () => {
    g.origin = ORIGIN;
    expect((await unreachableError('http://127.0.0.1:9/v1', new TypeError('x'), browserFetch(false).f)).kind).toBe('network');
    const same = browserFetch(true);
    expect((await unreachableError(`${ORIGIN}/v1/models`, new TypeError('x'), same.f)).kind).toBe('network');
    expect((await unreachableError('http://127.0.0.1:8080/v1', new TypeError('x'), same.f, 'Hel')).kind).toBe('network');
    expect(same.modes).toEqual([]);
    delete g.origin;
    expect(pageOrigin()).toBeUndefined();
    const node = browserFetch(true);
    expect((await unreachableError('http://127.0.0.1:8080/v1', new TypeError('x'), node.f)).kind).toBe('network');
    expect(node.modes).toEqual([]);
  });

  it('is what the client and the model list throw', async () => {
    g.origin = ORIGIN;
    const { f } = browserFetch(true);
    await expect(listModels('http://127.0.0.1:8080/v1', { fetch: f })).rejects.toMatchObject({ kind: 'cors' });
    const client = new OpenAiHttpClient({ baseUrl: 'http://127.0.0.1:8080/v1', model: 'm', fetch: f });
    await expect(client.generate({ messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ kind: 'cors' });
  });

  it('lists the four servers with the origin filled in', () => {
    expect(corsSettings('https://x.example').map((s) => s.server)).toEqual(['Ollama', 'llama.cpp', 'vLLM', 'LM Studio']);
    expect(corsSettings('https://x.example')[0]!.setting).toBe('OLLAMA_ORIGINS=https://x.example ollama serve');
  });
});
