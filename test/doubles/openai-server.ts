/**
 * A scripted OpenAI-compatible HTTP server on loopback for tests: POST /v1/chat/completions is
 * answered by a function of the request body and the request number. It records every request.
 * Network and server faults (`ServerFaults`: hangs, slow drips, resets, 429 with Retry-After, 5xx,
 * 401, 404, a server that dies mid-run) are separate options, applied by arrival order before the
 * scripted reply. Real-server behaviours with small models are options too: verdicts in prose
 * (response_format ignored) and answers cut at max_tokens (`ServerOptions`).
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A chat-completions request body as the server received it. */
export interface ChatBody {
  model: string;
  messages: Array<{ role: 'system' | 'user' | 'assistant'; content: string }>;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
  stop?: string[];
  response_format?: unknown;
  stream?: boolean;
}

/** What to answer. */
export interface ScriptedReply {
  /** HTTP status (default 200). */
  readonly status?: number;
  /** The assistant text (200 only). */
  readonly content?: string;
  /** finish_reason (default "stop"). */
  readonly finish?: string;
  /** A raw body to send instead (e.g. garbage that is not JSON). */
  readonly raw?: string;
  /** Wait before answering, ms. */
  readonly delayMs?: number;
}

/** Faults by arrival order (request 0 is the first); each applies to the requests it names, the scripted reply to the rest. */
export interface ServerFaults {
  /** The first n requests get no answer at all: the connection stays open until the client gives up. */
  readonly hangFirst?: number;
  /** The first n requests (after the hung ones): headers and a few bytes of the body, then the connection is reset. */
  readonly resetFirst?: number;
  /** The next n requests: 429 Too Many Requests with this Retry-After header (seconds or an HTTP-date). */
  readonly rateLimit?: { readonly count: number; readonly retryAfter: string };
  /** The next n requests: this 5xx status. */
  readonly serverError?: { readonly count: number; readonly status: number };
  /** Every request: refused with this status (401, 403, 404) and message, as OpenAI-compatible servers word it. */
  readonly refuse?: { readonly status: number; readonly message: string };
  /** Every reply goes out 16 bytes at a time, one piece every this many ms (headers at once). */
  readonly dripMs?: number;
  /** After this many answered requests the server resets every connection and stops listening: it is gone. */
  readonly dieAfter?: number;
}

const PROSE_VERDICTS: ReadonlyArray<(choice: string, other: string) => string> = [
  (c, o) => `Answer ${o} is too long for someone like me; I would prefer ${c}.`,
  (c, o) => `**Preferred:** ${c}\n\n**Reason:** Answer ${o} lectures me.`,
  (c) => `Both answers have merit, but I'd go with ${c}.`,
  (c, o) => `I would not choose ${o}. ${c} says what I would say.`,
  (c, o) => `<think>\nAnswer ${o} looks fine at first... no.\n</think>\n\n${c}`,
  (c, o) => `Most people would probably pick ${o}, but this person would prefer ${c}.`,
  (c, o) => `${c} over ${o}, easily.`,
];

/** A scripted verdict in prose (see `ServerOptions.proseVerdicts`); other content is returned as it is. */
function proseVerdict(content: string, n: number): string {
  let v: unknown;
  try {
    v = (JSON.parse(content) as { preferred?: unknown }).preferred;
  } catch {
    return content;
  }
  if (v === undefined) return content;
  if (v !== 'A' && v !== 'B') return 'Both answers are fine for this person; honestly, I have no preference.';
  return PROSE_VERDICTS[n % PROSE_VERDICTS.length]!(v, v === 'A' ? 'B' : 'A');
}

/** Content cut at `maxTokens` words (kept as written when shorter), and whether it was cut. */
function cutAt(content: string, maxTokens: number | undefined): { content: string; cut: boolean } {
  const words = content.match(/\s*\S+/g) ?? [];
  if (maxTokens === undefined || words.length <= maxTokens) return { content, cut: false };
  return { content: words.slice(0, maxTokens).join(''), cut: true };
}

/** A running server. */
export interface ScriptedServer {
  /** Base URL with /v1. */
  readonly url: string;
  /** Every request body, in arrival order. */
  readonly requests: ChatBody[];
  /** When each request arrived (ms since the epoch), in arrival order. */
  readonly arrivals: number[];
  /** The Authorization header of each request ("" when none), in arrival order. */
  readonly authorizations: string[];
  /** Bodies whose answer was fully sent, in order. */
  readonly answered: ChatBody[];
  /** The contents sent with finish_reason "length" (cut off at the token limit), in order. */
  readonly cut: string[];
  /** Whether the server died (`dieAfter`). */
  readonly dead: boolean;
  close(): Promise<void>;
}

/** What a fault does to request n, or undefined when the scripted reply answers it. */
function faultFor(
  f: ServerFaults,
  n: number,
): { kind: 'hang' | 'reset' } | { kind: 'status'; status: number; message: string; headers?: Record<string, string> } | undefined {
  if (f.refuse) return { kind: 'status', status: f.refuse.status, message: f.refuse.message };
  let k = n;
  if (k < (f.hangFirst ?? 0)) return { kind: 'hang' };
  k -= f.hangFirst ?? 0;
  if (k < (f.resetFirst ?? 0)) return { kind: 'reset' };
  k -= f.resetFirst ?? 0;
  if (f.rateLimit && k < f.rateLimit.count)
    return { kind: 'status', status: 429, message: 'Rate limit reached; slow down.', headers: { 'retry-after': f.rateLimit.retryAfter } };
  k -= f.rateLimit?.count ?? 0;
  if (f.serverError && k < f.serverError.count)
    return { kind: 'status', status: f.serverError.status, message: 'The engine is overloaded.' };
  return undefined;
}

/** Sends `text` in 16-byte pieces every `ms`. */
function drip(res: ServerResponse, text: string, ms: number, done: () => void): void {
  const bytes = Buffer.from(text);
  let at = 0;
  const next = () => {
    if (res.destroyed) return;
    if (at >= bytes.length) return void res.end(done);
    res.write(bytes.subarray(at, (at += 16)));
    setTimeout(next, ms);
  };
  next();
}

/** Extra POST routes by path suffix (e.g. "/completions", "/embeddings"): the JSON answer and its status. */
export type ExtraRoutes = Readonly<Record<string, (body: Record<string, unknown>) => { readonly status?: number; readonly json: unknown }>>;

/** How the server misbehaves, besides its script: network faults and real-server behaviours, each switched on separately. */
export interface ServerOptions {
  /** Network and server faults by arrival order. */
  readonly faults?: ServerFaults;
  /**
   * Whether answers carry CORS headers (any origin, the content-type and authorization headers) and
   * preflights are answered, as llama.cpp and vLLM do by default. Without it (the default) a browser
   * page on another origin cannot read any answer, as with Ollama for an origin OLLAMA_ORIGINS lacks.
   */
  readonly cors?: boolean;
  /** The model ids GET /v1/models lists (without it that route is a 404, as a server without a model list). */
  readonly models?: readonly string[];
  /**
   * Ignore response_format and answer verdicts in prose, as servers without structured output do: a
   * scripted `{"preferred": X, …}` becomes one of several phrasings that name the other answer first
   * (in turn, by request number; `<think>` blocks and "most people would pick Y" among them), and a
   * verdict that is not A or B becomes "both are fine, no preference".
   */
  readonly proseVerdicts?: boolean;
  /** Cut an answer longer than the request's max_tokens (one token per word) there, with finish_reason "length". */
  readonly cutAtMaxTokens?: boolean;
}

/**
 * Starts the server on a free loopback port; `routes` answers other POST paths (their bodies are
 * recorded too); `options` applies faults and real-server behaviours to chat completions.
 */
export async function startScriptedServer(
  script: (body: ChatBody, n: number) => ScriptedReply,
  routes: ExtraRoutes = {},
  options: ServerOptions = {},
): Promise<ScriptedServer> {
  const faults = options.faults ?? {};
  const reply = (body: ChatBody, n: number): ScriptedReply => {
    const r = script(body, n);
    if (r.content === undefined || r.raw !== undefined) return r;
    const content = options.proseVerdicts ? proseVerdict(r.content, n) : r.content;
    const cut = options.cutAtMaxTokens ? cutAt(content, body.max_tokens) : { content, cut: false };
    return { ...r, content: cut.content, ...(cut.cut ? { finish: 'length' } : {}) };
  };
  const requests: ChatBody[] = [];
  const arrivals: number[] = [];
  const authorizations: string[] = [];
  const answered: ChatBody[] = [];
  const cut: string[] = [];
  const sockets = new Set<Socket>();
  let dead = false;
  const die = () => {
    if (dead) return;
    dead = true;
    server.close();
    for (const s of sockets) s.destroy();
  };
  const server: Server = createServer((req, res) => {
    if (options.cors) {
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-allow-headers', 'content-type, authorization');
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    }
    if (options.models && req.method === 'GET' && req.url?.endsWith('/v1/models')) {
      const data = options.models.map((id) => ({ id, object: 'model', owned_by: 'test' }));
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data }));
    }
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => {
      const extra = Object.entries(routes).find(([path]) => req.method === 'POST' && req.url?.endsWith(`/v1${path}`));
      if (extra) {
        const r = extra[1](JSON.parse(data) as Record<string, unknown>);
        res.writeHead(r.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(r.json));
        return;
      }
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${req.url}` } }));
        return;
      }
      const body = JSON.parse(data) as ChatBody;
      const n = requests.push(body) - 1;
      arrivals.push(Date.now());
      authorizations.push(req.headers.authorization ?? '');
      const fault = faultFor(faults, n);
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'reset') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":"cmpl-');
        setTimeout(() => res.socket?.destroy(), 10);
        return;
      }
      if (fault?.kind === 'status') {
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
        res.end(JSON.stringify({ error: { message: fault.message, code: fault.status } }));
        return;
      }
      const r = reply(body, n);
      const send = () => {
        if (res.destroyed) return;
        const status = r.status ?? 200;
        const text =
          r.raw ??
          (status === 200
            ? JSON.stringify({
                id: `cmpl-${n}`,
                object: 'chat.completion',
                model: body.model,
                choices: [{ index: 0, message: { role: 'assistant', content: r.content ?? '' }, finish_reason: r.finish ?? 'stop' }],
                usage: {
                  prompt_tokens: JSON.stringify(body.messages).length >> 2,
                  completion_tokens: (r.content ?? '').split(/\s+/).filter(Boolean).length,
                },
              })
            : JSON.stringify({ error: { message: `scripted failure ${status}` } }));
        res.writeHead(status, { 'content-type': 'application/json' });
        if (r.raw === undefined && status === 200 && r.finish === 'length') cut.push(r.content ?? '');
        const done = () => {
          answered.push(body);
          if (faults.dieAfter !== undefined && answered.length >= faults.dieAfter) die();
        };
        if (faults.dripMs) drip(res, text, faults.dripMs, done);
        else res.end(text, done);
      };
      if (r.delayMs) setTimeout(send, r.delayMs);
      else send();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    arrivals,
    authorizations,
    answered,
    cut,
    get dead() {
      return dead;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (dead) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
