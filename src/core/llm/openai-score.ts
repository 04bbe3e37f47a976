/**
 * Two optional capabilities of OpenAI-compatible servers, beyond chat: scoring a given text through
 * `POST /completions` with `echo: true` and `logprobs` (vLLM and llama.cpp's server return the
 * prompt's token log-probabilities with their character offsets), and sentence embeddings through
 * `POST /embeddings`. Both use only `fetch`; failures are `LlmError`s naming the host.
 */
import { unreachableError } from './cors';
import { abortedError, badOutput, httpError } from './http-errors';
import type { ScoreRequest, ScoreResult } from './types';

/** Where and how to reach the server. */
export interface ServerEndpoint {
  /** The normalised API root ("…/v1"). */
  readonly baseUrl: string;
  /** The model requests name. */
  readonly model: string;
  /** Bearer token, if the server needs one. */
  readonly apiKey?: string;
  /** Another fetch (tests). */
  readonly fetch?: typeof fetch;
}

async function post(ep: ServerEndpoint, path: string, body: unknown, model: string, signal?: AbortSignal): Promise<unknown> {
  const url = `${ep.baseUrl}${path}`;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (ep.apiKey) headers.authorization = `Bearer ${ep.apiKey}`;
  let response: Response;
  try {
    response = await (ep.fetch ?? fetch)(url, { method: 'POST', headers, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
  } catch (e) {
    if (signal?.aborted) throw abortedError();
    throw await unreachableError(url, e, ep.fetch ?? fetch);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) throw httpError(url, response.status, response.statusText, text, model);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badOutput(url, `the answer is not JSON (starts ${JSON.stringify(text.slice(0, 80))})`);
  }
}

/** Code points in a string (servers count character offsets in code points, as Python does). */
const codePoints = (s: string) => [...s].length;

/**
 * The continuation's token log-probabilities after the prompt: one completion of `prompt +
 * continuation` with `echo`, `logprobs: 1`, `max_tokens: 1` and temperature 0; the tokens whose
 * character offset lies inside the continuation are summed (the generated token is left out).
 */
export async function scoreText(ep: ServerEndpoint, request: ScoreRequest, signal?: AbortSignal): Promise<ScoreResult> {
  const text = request.prompt + request.continuation;
  const json = (await post(
    ep,
    '/completions',
    { model: ep.model, prompt: text, echo: true, logprobs: 1, max_tokens: 1, temperature: 0 },
    ep.model,
    signal,
  )) as { choices?: { logprobs?: { token_logprobs?: (number | null)[]; text_offset?: number[] } }[] };
  const url = `${ep.baseUrl}/completions`;
  const lp = json.choices?.[0]?.logprobs;
  const values = lp?.token_logprobs;
  const offsets = lp?.text_offset;
  if (!Array.isArray(values) || !Array.isArray(offsets) || offsets.length !== values.length)
    throw badOutput(url, 'the answer has no "logprobs" with "token_logprobs" and "text_offset" (does the server support echo?)');
  const start = codePoints(request.prompt);
  const end = codePoints(text);
  let sum = 0;
  let tokens = 0;
  values.forEach((v, i) => {
    const at = offsets[i]!;
    if (at < start || at >= end) return;
    if (typeof v !== 'number' || !Number.isFinite(v)) return;
    sum += v;
    tokens++;
  });
  if (tokens === 0) throw badOutput(url, 'no token of the scored text came back with a log-probability');
  return { tokens, sumLogprob: sum, meanLogprob: sum / tokens };
}

/** Embeddings of texts (`POST /embeddings`), in input order. */
export async function embedTexts(ep: ServerEndpoint, texts: readonly string[], model?: string, signal?: AbortSignal): Promise<number[][]> {
  const name = model ?? ep.model;
  const json = (await post(ep, '/embeddings', { model: name, input: [...texts] }, name, signal)) as {
    data?: { index?: number; embedding?: unknown }[];
  };
  const url = `${ep.baseUrl}/embeddings`;
  if (!Array.isArray(json.data) || json.data.length !== texts.length)
    throw badOutput(url, `expected ${texts.length} embeddings in "data", got ${Array.isArray(json.data) ? json.data.length : 'none'}`);
  const out: number[][] = new Array(texts.length);
  json.data.forEach((d, i) => {
    const v = d.embedding;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'number')) throw badOutput(url, `embedding ${i} is not a list of numbers`);
    out[typeof d.index === 'number' ? d.index : i] = v as number[];
  });
  return out;
}
