/**
 * `/completions` with echo and logprobs, and `/embeddings`, as vLLM answers them, for the scripted
 * server (`startScriptedServer(reply, scoringRoutes())`). Strict like vLLM: a completion request
 * without `echo: true` and `logprobs` is refused with 400. Token log-probabilities are a fixed
 * function of the text (longer words score higher); offsets count code points, as Python does.
 */
import type { ExtraRoutes } from './openai-server';

/** Words and spaces as tokens, with code-point offsets. */
function tokens(text: string): { token: string; offset: number }[] {
  const out: { token: string; offset: number }[] = [];
  let at = 0;
  for (const piece of text.match(/\s*\S+|\s+$/g) ?? []) {
    out.push({ token: piece, offset: at });
    at += [...piece].length;
  }
  return out;
}

/** The routes; `requests` collects every body they saw. */
export function scoringRoutes(requests: { path: string; body: Record<string, unknown> }[] = []): ExtraRoutes {
  return {
    '/completions': (body) => {
      requests.push({ path: '/completions', body });
      if (body.echo !== true || typeof body.logprobs !== 'number' || typeof body.prompt !== 'string')
        return { status: 400, json: { error: { message: 'this test server scores only with echo: true and logprobs' } } };
      const toks = tokens(body.prompt);
      const generated = { token: ' ok', offset: [...body.prompt].length };
      const all = [...toks, generated];
      return {
        json: {
          id: 'cmpl-score',
          object: 'text_completion',
          model: body.model,
          choices: [
            {
              index: 0,
              text: body.prompt + generated.token,
              logprobs: {
                tokens: all.map((t) => t.token),
                token_logprobs: all.map((t, i) => (i === 0 ? null : -1 / Math.max(1, t.token.trim().length))),
                text_offset: all.map((t) => t.offset),
                top_logprobs: null,
              },
              finish_reason: 'length',
            },
          ],
        },
      };
    },
    '/embeddings': (body) => {
      requests.push({ path: '/embeddings', body });
      const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
      const vec = (t: string) => {
        const v = new Array<number>(16).fill(0);
        for (const w of t.toLowerCase().split(/\W+/).filter(Boolean)) v[[...w].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 16, 7)]! += 1;
        return v;
      };
      return {
        json: { object: 'list', model: body.model, data: input.map((t, index) => ({ object: 'embedding', index, embedding: vec(t) })) },
      };
    },
  };
}
