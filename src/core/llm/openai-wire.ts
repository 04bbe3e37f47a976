/**
 * Reading OpenAI chat-completion answers: the streamed `chat.completion.chunk` events and the
 * one-piece `chat.completion` body. Every shape problem becomes a "bad-output" `LlmError` naming
 * the event and what was wrong with it.
 */
import { LlmError } from './errors';
import { badOutput, classifyMessage, hostOf, serverMessage } from './http-errors';
import type { ChunkSource } from './http-body';
import { SseParser } from './sse';
import type { FinishReason, Usage } from './types';

/** Token counts and speeds as they were found; any may be missing. */
export interface UsageParts {
  /** `usage.prompt_tokens`. */
  promptTokens?: number;
  /** `usage.completion_tokens`. */
  completionTokens?: number;
  /** Reported prompt speed (llama.cpp's `timings.prompt_per_second`). */
  prefill?: number;
  /** Reported generation speed (llama.cpp's `timings.predicted_per_second`). */
  decode?: number;
  /** Generation speed measured here between the first and the last streamed piece. */
  measuredDecode?: number;
}

/** What a reply was made of. */
export interface ReplyParts {
  /** The generated text. */
  text: string;
  /** Why it ended. */
  finish: FinishReason;
  /** Token counts and speeds. */
  usage: UsageParts;
  /** The model the server says answered; undefined when it does not say. */
  model?: string;
}

/** Maps OpenAI's `finish_reason` to ours: stop, length, abort; anything else (tool calls, filters) is "other". */
export function toFinishReason(reason: unknown): FinishReason {
  if (reason === 'stop' || reason === 'length' || reason === 'abort') return reason;
  return 'other';
}

/** `Usage` from the parts, or undefined when the server gave no token counts. */
export function toUsage(p: UsageParts): Usage | undefined {
  if (p.promptTokens === undefined && p.completionTokens === undefined) return undefined;
  const decode = p.decode ?? p.measuredDecode;
  return {
    promptTokens: p.promptTokens ?? 0,
    completionTokens: p.completionTokens ?? 0,
    ...(p.prefill !== undefined ? { prefillTokensPerSecond: p.prefill } : {}),
    ...(decode !== undefined ? { decodeTokensPerSecond: decode } : {}),
  };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function readUsage(json: Record<string, unknown>, into: UsageParts): void {
  const usage = json.usage as Record<string, unknown> | null | undefined;
  if (usage && typeof usage === 'object') {
    const p = num(usage.prompt_tokens);
    const c = num(usage.completion_tokens);
    if (p !== undefined) into.promptTokens = p;
    if (c !== undefined) into.completionTokens = c;
  }
  const timings = json.timings as Record<string, unknown> | undefined;
  if (timings && typeof timings === 'object') {
    const pre = num(timings.prompt_per_second);
    const dec = num(timings.predicted_per_second);
    if (pre !== undefined) into.prefill = pre;
    if (dec !== undefined) into.decode = dec;
  }
}

/** An error the server reported inside a 200 reply: "http" (worth another try) unless its words name a deterministic failure. */
function midStreamError(url: string, error: unknown, partialText: string): LlmError {
  const message = serverMessage(JSON.stringify({ error }));
  const kind = classifyMessage(message);
  return new LlmError(kind, `${hostOf(url)} reported an error while answering: ${message}`, {
    hint:
      kind === 'context-overflow'
        ? "The prompt and max_tokens do not fit the model's context window: lower max_tokens or shorten the prompt."
        : kind === 'grammar'
          ? 'The server could not follow the JSON schema; try a backend without structured output.'
          : 'The server stopped mid-reply; its log says why. The request is tried again.',
    ...(partialText ? { partialText } : {}),
  });
}

/** Reads a streamed chat completion from the body's pieces, calling `onDelta` with each piece of text. */
export async function readChatStream(
  reader: ChunkSource,
  url: string,
  onDelta: (delta: string) => void,
  started: number,
): Promise<ReplyParts> {
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const parts: ReplyParts = { text: '', finish: 'other', usage: {} };
  let sawFinish = false;
  let done = false;
  let index = 0;
  let first: number | undefined;
  let last = started;

  const handle = (data: string): void => {
    index++;
    if (data.trim() === '[DONE]') {
      done = true;
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      throw badOutput(url, `stream event ${index} is not JSON (${JSON.stringify(data.slice(0, 80))})`, parts.text);
    }
    if (!json || typeof json !== 'object' || Array.isArray(json))
      throw badOutput(url, `stream event ${index} is not a JSON object`, parts.text);
    const rec = json as Record<string, unknown>;
    if (rec.error !== undefined) throw midStreamError(url, rec.error, parts.text);
    if (typeof rec.model === 'string' && rec.model) parts.model = rec.model;
    readUsage(rec, parts.usage);
    const choices = rec.choices;
    if (choices === undefined || choices === null) {
      if (rec.usage === undefined) throw badOutput(url, `stream event ${index} has neither "choices" nor "usage"`, parts.text);
      return;
    }
    if (!Array.isArray(choices)) throw badOutput(url, `stream event ${index} has "choices" that is not a list`, parts.text);
    const choice = choices[0] as Record<string, unknown> | undefined;
    if (!choice) return;
    const delta = choice.delta as Record<string, unknown> | undefined;
    const content = delta?.content;
    if (content !== undefined && content !== null && typeof content !== 'string') {
      throw badOutput(url, `stream event ${index} has a "delta.content" that is not text`, parts.text);
    }
    if (typeof content === 'string' && content) {
      const now = performance.now();
      first ??= now;
      last = now;
      parts.text += content;
      onDelta(content);
    }
    if (typeof choice.finish_reason === 'string') {
      sawFinish = true;
      parts.finish = toFinishReason(choice.finish_reason);
    }
  };

  try {
    while (!done) {
      let chunk: { done: boolean; value?: Uint8Array };
      try {
        chunk = await reader.read();
      } catch (e) {
        if (e instanceof LlmError)
          throw e.partialText || !parts.text ? e : new LlmError(e.kind, e.message, { hint: e.hint, partialText: parts.text });
        throw new LlmError('network', `The connection to ${hostOf(url)} broke in the middle of the reply.`, {
          hint: 'Check that the server is still running, then try again.',
          cause: e,
          ...(parts.text ? { partialText: parts.text } : {}),
        });
      }
      const events = chunk.done
        ? [...parser.push(decoder.decode()), ...parser.end()]
        : parser.push(decoder.decode(chunk.value, { stream: true }));
      for (const ev of events) if (!done) handle(ev.data);
      if (chunk.done) break;
    }
  } finally {
    if (done) reader.cancel().catch(() => {});
  }
  if (!done && !sawFinish)
    throw badOutput(url, 'the stream ended before the reply was complete (no finish_reason and no [DONE])', parts.text);
  const tokens = parts.usage.completionTokens;
  if (first !== undefined && tokens !== undefined && tokens > 1 && last > first) {
    parts.usage.measuredDecode = (tokens - 1) / ((last - first) / 1000);
  }
  return parts;
}

/** Reads a one-piece chat completion body. */
export function parseCompletion(text: string, url: string): ReplyParts {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badOutput(url, `the answer is not JSON (starts ${JSON.stringify(text.slice(0, 80))})`);
  }
  if (!json || typeof json !== 'object') throw badOutput(url, 'the answer is not a JSON object');
  const rec = json as Record<string, unknown>;
  if (rec.error !== undefined) throw midStreamError(url, rec.error, '');
  const choices = rec.choices;
  if (!Array.isArray(choices) || choices.length === 0) throw badOutput(url, 'the answer has no "choices"');
  const choice = choices[0] as Record<string, unknown>;
  const message = choice.message as Record<string, unknown> | undefined;
  const content = message?.content;
  if (content !== null && content !== undefined && typeof content !== 'string')
    throw badOutput(url, '"choices[0].message.content" is not text');
  const parts: ReplyParts = { text: content ?? '', finish: toFinishReason(choice.finish_reason), usage: {} };
  if (typeof rec.model === 'string' && rec.model) parts.model = rec.model;
  readUsage(rec, parts.usage);
  return parts;
}
