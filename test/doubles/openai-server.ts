/**
 * A scripted OpenAI-compatible HTTP server on loopback for tests: POST /v1/chat/completions is
 * answered by a function of the request body and the request number. It records every request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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

/** A running server. */
export interface ScriptedServer {
  /** Base URL with /v1. */
  readonly url: string;
  /** Every request body, in arrival order. */
  readonly requests: ChatBody[];
  /** Bodies whose answer was fully sent, in order. */
  readonly answered: ChatBody[];
  close(): Promise<void>;
}

/** Extra POST routes by path suffix (e.g. "/completions", "/embeddings"): the JSON answer and its status. */
export type ExtraRoutes = Readonly<Record<string, (body: Record<string, unknown>) => { readonly status?: number; readonly json: unknown }>>;

/** Starts the server on a free loopback port; `routes` answers other POST paths (their bodies are recorded too). */
export async function startScriptedServer(
  reply: (body: ChatBody, n: number) => ScriptedReply,
  routes: ExtraRoutes = {},
): Promise<ScriptedServer> {
  const requests: ChatBody[] = [];
  const answered: ChatBody[] = [];
  const server: Server = createServer((req, res) => {
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
        res.end(text, () => answered.push(body));
      };
      if (r.delayMs) setTimeout(send, r.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    answered,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
