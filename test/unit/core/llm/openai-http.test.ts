// The OpenAI-compatible client against a real HTTP server on loopback, started by the test.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlmError } from '../../../../src/core/llm/errors';
import { listModels, normalizeBaseUrl, OpenAiHttpClient, publicBaseUrl, secretsIn } from '../../../../src/core/llm/openai-http';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

let server: Server;
let base: string;
let handler: Handler = (_req, _body, res) => res.end();
const requests: { url: string; headers: IncomingMessage['headers']; body: unknown }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', headers: req.headers, body: body ? JSON.parse(body) : undefined });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const chunk = (content: string | null, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', model: 'served-model', choices: [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finish }] })}\n\n`;

function sse(res: ServerResponse, events: string[], opts: { delayMs?: number; end?: boolean } = {}) {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  let i = 0;
  const next = () => {
    if (i < events.length) {
      res.write(events[i++]);
      setTimeout(next, opts.delayMs ?? 0);
    } else if (opts.end !== false) res.end();
  };
  next();
}

async function failure(p: Promise<unknown>): Promise<LlmError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(LlmError);
    return e as LlmError;
  }
  throw new Error('expected the call to fail');
}

describe('OpenAiHttpClient', () => {
  it('streams deltas over SSE and reports usage, finish reason and model', async () => {
    handler = (_req, _body, res) =>
      sse(res, [
        ': keep-alive comment\n\n',
        chunk('Hel'),
        // one event split over two writes, with CRLF line ends
        'data: {"choices":[{"index":0,"delta":{"content":"lo, "},"finish_reason":null}]}\r',
        '\n\r\n',
        chunk('world'),
        chunk(null, 'stop'),
        `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 } })}\n\n`,
        'data: [DONE]\n\n',
      ]);
    const client = new OpenAiHttpClient({ baseUrl: base, model: 'm1', apiKey: 'sk-test' });
    const deltas: string[] = [];
    const result = await client.generate({ messages: [{ role: 'user', content: 'hi' }] }, { onDelta: (d) => deltas.push(d) });
    expect(deltas).toEqual(['Hel', 'lo, ', 'world']);
    expect(result.text).toBe('Hello, world');
    expect(result.finishReason).toBe('stop');
    expect(result.model).toBe('served-model');
    expect(result.usage?.promptTokens).toBe(12);
    expect(result.usage?.completionTokens).toBe(3);
    const req = requests.at(-1)!;
    expect(req.url).toBe('/v1/chat/completions');
    expect(req.headers.authorization).toBe('Bearer sk-test');
    expect(req.body).toMatchObject({ model: 'm1', stream: true, stream_options: { include_usage: true } });
  });

  it('sends every sampling option and the JSON schema as response_format', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          model: 'm1',
          choices: [{ message: { role: 'assistant', content: '{"a":1}' }, finish_reason: 'length' }],
          usage: { prompt_tokens: 5, completion_tokens: 7 },
          timings: { prompt_per_second: 100.5, predicted_per_second: 20.25 },
        }),
      );
    };
    const client = new OpenAiHttpClient({ baseUrl: base, model: 'm1', schemaName: 'verdict' });
    const schema = { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] };
    const result = await client.generate({
      messages: [
        { role: 'system', content: 's' },
        { role: 'user', content: 'u' },
      ],
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 7,
      seed: 42,
      stop: ['END'],
      jsonSchema: schema,
    });
    expect(result).toMatchObject({ text: '{"a":1}', finishReason: 'length' });
    expect(result.usage).toEqual({ promptTokens: 5, completionTokens: 7, prefillTokensPerSecond: 100.5, decodeTokensPerSecond: 20.25 });
    const body = requests.at(-1)!.body as Record<string, unknown>;
    expect(body).toEqual({
      model: 'm1',
      messages: [
        { role: 'system', content: 's' },
        { role: 'user', content: 'u' },
      ],
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 7,
      seed: 42,
      stop: ['END'],
      response_format: { type: 'json_schema', json_schema: { name: 'verdict', schema, strict: true } },
    });
    expect(requests.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('turns a 404 into kind "not-found" and a 500 into kind "http", with the server message', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'model "nope" not found, try pulling it first', type: 'not_found' } }));
    };
    const e = await failure(
      new OpenAiHttpClient({ baseUrl: base, model: 'nope' }).generate(
        { messages: [{ role: 'user', content: 'x' }] },
        { onDelta: () => {} },
      ),
    );
    expect(e.kind).toBe('not-found');
    expect(e.status).toBe(404);
    expect(e.message).toContain('model "nope" not found, try pulling it first');
    expect(e.message).toContain('127.0.0.1');
    expect(e.hint).toMatch(/base URL/);

    handler = (_req, _body, res) => {
      res.writeHead(500);
      res.end('upstream exploded');
    };
    const e2 = await failure(new OpenAiHttpClient({ baseUrl: base, model: 'm' }).generate({ messages: [] }));
    expect(e2).toMatchObject({ kind: 'http', status: 500 });
    expect(e2.message).toContain('upstream exploded');
  });

  it('names a stream event that is not JSON as bad output, keeping the text so far', async () => {
    handler = (_req, _body, res) => sse(res, [chunk('partial '), 'data: {"choices": [oops\n\n', chunk('never')]);
    const e = await failure(new OpenAiHttpClient({ baseUrl: base, model: 'm' }).generate({ messages: [] }, { onDelta: () => {} }));
    expect(e.kind).toBe('bad-output');
    expect(e.message).toContain('stream event 2 is not JSON');
    expect(e.message).toContain('oops');
    expect(e.partialText).toBe('partial ');
  });

  it('names other malformed chunks: no choices, non-text content, a truncated stream', async () => {
    const client = new OpenAiHttpClient({ baseUrl: base, model: 'm' });
    handler = (_req, _body, res) => sse(res, ['data: {"id":"x"}\n\n']);
    expect((await failure(client.generate({ messages: [] }, { onDelta: () => {} }))).message).toContain(
      'stream event 1 has neither "choices" nor "usage"',
    );
    handler = (_req, _body, res) => sse(res, ['data: {"choices":[{"delta":{"content":42}}]}\n\n']);
    expect((await failure(client.generate({ messages: [] }, { onDelta: () => {} }))).message).toContain('"delta.content" that is not text');
    handler = (_req, _body, res) => sse(res, [chunk('cut ')]);
    const cut = await failure(client.generate({ messages: [] }, { onDelta: () => {} }));
    expect(cut.kind).toBe('bad-output');
    expect(cut.message).toContain('ended before the reply was complete');
    expect(cut.partialText).toBe('cut ');
    handler = (_req, _body, res) => sse(res, [chunk('a'), 'data: {"error":{"message":"out of KV cache"}}\n\n']);
    const mid = await failure(client.generate({ messages: [] }, { onDelta: () => {} }));
    expect(mid).toMatchObject({ kind: 'http', partialText: 'a' });
    expect(mid.message).toContain('out of KV cache');
  });

  it('names a non-JSON one-piece answer as bad output', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>login page</html>');
    };
    const e = await failure(new OpenAiHttpClient({ baseUrl: base, model: 'm' }).generate({ messages: [] }));
    expect(e.kind).toBe('bad-output');
    expect(e.message).toContain('not JSON');
    expect(e.message).toContain('<html>login page');
  });

  it('aborts mid-stream with kind "aborted" and the text so far', async () => {
    handler = (_req, _body, res) => sse(res, [chunk('one '), chunk('two '), chunk('three ')], { delayMs: 30, end: false });
    const controller = new AbortController();
    const seen: string[] = [];
    const p = new OpenAiHttpClient({ baseUrl: base, model: 'm' }).generate(
      { messages: [] },
      {
        signal: controller.signal,
        onDelta: (d) => {
          seen.push(d);
          if (seen.length === 2) controller.abort();
        },
      },
    );
    const e = await failure(p);
    expect(e.kind).toBe('aborted');
    expect(e.partialText).toBe('one two ');
  });

  it('rejects at once when the signal is already aborted', async () => {
    const before = requests.length;
    const e = await failure(
      new OpenAiHttpClient({ baseUrl: base, model: 'm' }).generate({ messages: [] }, { signal: AbortSignal.abort() }),
    );
    expect(e.kind).toBe('aborted');
    expect(requests.length).toBe(before);
  });

  it('names the host it cannot reach', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const e = await failure(new OpenAiHttpClient({ baseUrl: `http://127.0.0.1:${port}`, model: 'm' }).generate({ messages: [] }));
    expect(e.kind).toBe('network');
    expect(e.message).toContain(`127.0.0.1:${port}`);
    expect(e.message).toMatch(/ECONNREFUSED/);
    expect(e.hint).toMatch(/CORS/);
  });

  it('times out a server that never answers (total timeout)', async () => {
    handler = () => {};
    const e = await failure(
      new OpenAiHttpClient({ baseUrl: base, model: 'm', timeoutMs: 200, idleTimeoutMs: 100 }).generate({ messages: [] }),
    );
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/did not finish answering within 200 ms/);
  });

  it('times out a stream that stops in the middle (idle timeout), keeping the text so far', async () => {
    handler = (_req, _body, res) => sse(res, [chunk('Hello'), chunk(' there')], { end: false });
    const deltas: string[] = [];
    const e = await failure(
      new OpenAiHttpClient({ baseUrl: base, model: 'm', idleTimeoutMs: 150 }).generate(
        { messages: [] },
        { onDelta: (d) => deltas.push(d) },
      ),
    );
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/stopped sending the reply: nothing new for 150 ms/);
    expect(e.partialText).toBe('Hello there');
    expect(deltas).toEqual(['Hello', ' there']);
  });

  it('times out a reply that drips for ever within the idle limit (total timeout)', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(' ')), 20);
      res.on('close', () => clearInterval(t));
    };
    const started = Date.now();
    const e = await failure(
      new OpenAiHttpClient({ baseUrl: base, model: 'm', timeoutMs: 300, idleTimeoutMs: 200 }).generate({ messages: [] }),
    );
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/did not finish answering within 300 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a reply over the size cap with kind "too-large", streamed or not', async () => {
    const big = 'x'.repeat(300_000);
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { content: big }, finish_reason: 'stop' }] }));
    };
    const client = new OpenAiHttpClient({ baseUrl: base, model: 'm', maxReplyBytes: 100_000 });
    const e = await failure(client.generate({ messages: [] }));
    expect(e.kind).toBe('too-large');
    expect(e.message).toMatch(/larger than/);
    handler = (_req, _body, res) =>
      sse(
        res,
        Array.from({ length: 40 }, () => chunk('y'.repeat(5000))),
      );
    const s = await failure(client.generate({ messages: [] }, { onDelta: () => {} }));
    expect(s.kind).toBe('too-large');
    expect(s.partialText?.length).toBeGreaterThan(0);
  });

  it('names a connection reset in the middle of a reply as a network failure', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"choices": [');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const e = await failure(new OpenAiHttpClient({ baseUrl: base, model: 'm' }).generate({ messages: [] }));
    expect(e.kind).toBe('network');
  });

  it('tells refusals apart by status and words, and reads Retry-After in seconds or as a date', async () => {
    const answer = (status: number, message: string, headers: Record<string, string> = {}) => {
      handler = (_req, _body, res) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify({ error: { message } }));
      };
      return failure(new OpenAiHttpClient({ baseUrl: base, model: 'm' }).generate({ messages: [] }));
    };
    expect(await answer(401, 'Incorrect API key provided')).toMatchObject({ kind: 'auth', status: 401 });
    expect((await answer(403, 'forbidden')).hint).toMatch(/--api-key/);
    expect(await answer(400, 'The model `m` does not exist.')).toMatchObject({ kind: 'not-found' });
    expect(await answer(400, "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens")).toMatchObject({
      kind: 'context-overflow',
    });
    expect(await answer(400, 'the request exceeds the available context size, try increasing it')).toMatchObject({
      kind: 'context-overflow',
    });
    expect(await answer(400, 'Invalid json_schema: unsupported keyword')).toMatchObject({ kind: 'grammar' });
    expect(await answer(400, 'seed must be an integer')).toMatchObject({ kind: 'invalid-request', status: 400 });
    expect(await answer(429, 'slow down', { 'retry-after': '2' })).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 2000 });
    const later = new Date(Date.now() + 5000).toUTCString();
    const e = await answer(503, 'loading', { 'retry-after': later });
    expect(e).toMatchObject({ kind: 'http', status: 503 });
    expect(e.retryAfterMs).toBeGreaterThan(2000);
    expect(e.retryAfterMs).toBeLessThanOrEqual(5000);
    expect((await answer(500, 'boom')).retryAfterMs).toBeUndefined();
  });

  it('reports an error sent inside a 200 stream by its words', async () => {
    handler = (_req, _body, res) =>
      sse(res, [chunk('a'), `data: ${JSON.stringify({ error: { message: 'context length exceeded' } })}\n\n`]);
    const e = await failure(new OpenAiHttpClient({ baseUrl: base, model: 'm' }).generate({ messages: [] }, { onDelta: () => {} }));
    expect(e.kind).toBe('context-overflow');
    handler = (_req, _body, res) => sse(res, [chunk('a'), `data: ${JSON.stringify({ error: { message: 'engine died' } })}\n\n`]);
    const f = await failure(new OpenAiHttpClient({ baseUrl: base, model: 'm' }).generate({ messages: [] }, { onDelta: () => {} }));
    expect(f).toMatchObject({ kind: 'http', partialText: 'a' });
  });

  it('sends the API key as a bearer token', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { content: 'ok' }, finish_reason: 'stop' }] }));
    };
    await new OpenAiHttpClient({ baseUrl: base, model: 'm', apiKey: 'sk-test' }).generate({ messages: [] });
    expect(requests.at(-1)!.headers.authorization).toBe('Bearer sk-test');
  });
});

describe('listModels', () => {
  it('lists the models of /v1/models', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'llama3.2:1b', owned_by: 'library' }, { id: 'qwen' }, { nope: 1 }] }));
    };
    expect(await listModels(base.replace(/\/v1$/, ''))).toEqual([{ id: 'llama3.2:1b', ownedBy: 'library' }, { id: 'qwen' }]);
    expect(requests.at(-1)!.url).toBe('/v1/models');
  });

  it('names a model list that cannot be read', async () => {
    handler = (_req, _body, res) => res.end('{"models": []}');
    const e = await failure(listModels(base));
    expect(e.kind).toBe('bad-output');
    expect(e.message).toContain('no "data" array');
  });
});

describe('publicBaseUrl and secretsIn', () => {
  it('shows and stores a base URL without credentials or query secrets, and names what was dropped', () => {
    expect(publicBaseUrl('http://alice:s3cret@127.0.0.1:8000/v1?token=abc&api_key=k')).toBe('http://127.0.0.1:8000/v1');
    expect(publicBaseUrl('https://h.example/openai/v1?key=zzz#frag')).toBe('https://h.example/openai/v1');
    expect(publicBaseUrl('not a url?token=abc')).toBe('not a url');
    expect(secretsIn('http://alice:s3cret@h/v1?token=abc&api_key=k')).toEqual(['user:password@', '?token=', '?api_key=']);
    expect(secretsIn('http://h:8000/v1')).toEqual([]);
  });
});

describe('normalizeBaseUrl', () => {
  it('adds /v1 to a bare origin and drops trailing slashes', () => {
    expect(normalizeBaseUrl('http://localhost:11434')).toBe('http://localhost:11434/v1');
    expect(normalizeBaseUrl('http://localhost:11434/')).toBe('http://localhost:11434/v1');
    expect(normalizeBaseUrl(' http://h:8000/v1/ ')).toBe('http://h:8000/v1');
    expect(normalizeBaseUrl('https://proxy.example/openai/v1')).toBe('https://proxy.example/openai/v1');
    expect(() => normalizeBaseUrl('localhost:11434')).toThrow(LlmError);
    expect(() => normalizeBaseUrl('not a url')).toThrow(/not a URL/);
  });
});
