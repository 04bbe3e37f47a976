/**
 * A scripted OpenAI-compatible HTTP server on loopback for tests: POST /v1/chat/completions is
 * answered by a function of the request body and the request number. It records every request.
 * `RealisticModes` switch on how many real servers behave with small models: verdicts in prose
 * (response_format ignored) and answers cut at max_tokens.
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

/** Real-server behaviours, each switched on separately. */
export interface RealisticModes {
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

const PROSE_VERDICTS: ReadonlyArray<(choice: string, other: string) => string> = [
  (c, o) => `Answer ${o} is too long for someone like me; I would prefer ${c}.`,
  (c, o) => `**Preferred:** ${c}\n\n**Reason:** Answer ${o} lectures me.`,
  (c) => `Both answers have merit, but I'd go with ${c}.`,
  (c, o) => `I would not choose ${o}. ${c} says what I would say.`,
  (c, o) => `<think>\nAnswer ${o} looks fine at first... no.\n</think>\n\n${c}`,
  (c, o) => `Most people would probably pick ${o}, but this person would prefer ${c}.`,
  (c, o) => `${c} over ${o}, easily.`,
];

/** A scripted verdict in prose (see `RealisticModes.proseVerdicts`); other content is returned as it is. */
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
  /** Bodies whose answer was fully sent, in order. */
  readonly answered: ChatBody[];
  close(): Promise<void>;
}

/** Extra POST routes by path suffix (e.g. "/completions", "/embeddings"): the JSON answer and its status. */
export type ExtraRoutes = Readonly<Record<string, (body: Record<string, unknown>) => { readonly status?: number; readonly json: unknown }>>;

/**
 * Starts the server on a free loopback port; `routes` answers other POST paths (their bodies are
 * recorded too); `modes` switches on real-server behaviours for the chat completions.
 */
export async function startScriptedServer(
  script: (body: ChatBody, n: number) => ScriptedReply,
  routes: ExtraRoutes = {},
  modes: RealisticModes = {},
): Promise<ScriptedServer> {
  const reply = (body: ChatBody, n: number): ScriptedReply => {
    const r = script(body, n);
    if (r.content === undefined || r.raw !== undefined) return r;
    const content = modes.proseVerdicts ? proseVerdict(r.content, n) : r.content;
    const cut = modes.cutAtMaxTokens ? cutAt(content, body.max_tokens) : { content, cut: false };
    return { ...r, content: cut.content, ...(cut.cut ? { finish: 'length' } : {}) };
  };
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
