/**
 * One chat completion on a web-llm engine: our `GenerateRequest` in, web-llm's OpenAI-style request
 * out (JSON schema as a string in `response_format`, thinking turned off for models that think, usage
 * requested), always streamed so an interrupt web-llm cleared can be sent again once it runs, and the reply
 * back as a `GenerateResult`: stop strings and web-llm's empty think block trimmed, finite speeds only.
 */
import type { ChatCompletionChunk, ChatCompletionRequest, CompletionUsage } from '@mlc-ai/web-llm';
import { toFinishReason } from '../src/core/llm/openai-wire';
import type { GenerateRequest, GenerateResult, Usage } from '../src/core/llm/types';
import type { EngineLike } from './llm-types';
import { finiteRate, ReplyText } from './llm-stream';

/** How a completion runs. */
export interface CompletionOptions {
  /** Receives each piece of the reply. */
  readonly onDelta?: (delta: string) => void;
  /** Whether to send `extra_body.enable_thinking: false` (for models that think unless told not to). */
  readonly thinkingOff?: boolean;
  /**
   * Shared with whoever may stop the reply: `stop` is set when it should stop, `started` here once the
   * first piece arrived. web-llm clears its interrupt flag when a generation starts, so a stop asked for
   * before the first piece is sent again when it arrives.
   */
  readonly control?: { stop: boolean; started: boolean };
}

/** web-llm's streamed request for ours; absent options are left out (web-llm then uses the model's defaults). */
function toWebLlmRequest(r: GenerateRequest, thinkingOff = false): ChatCompletionRequest {
  const req: Record<string, unknown> = { messages: r.messages.map((m) => ({ role: m.role, content: m.content })) };
  if (r.temperature !== undefined) req.temperature = r.temperature;
  if (r.top_p !== undefined) req.top_p = r.top_p;
  if (r.max_tokens !== undefined) req.max_tokens = r.max_tokens;
  if (r.seed !== undefined) req.seed = Math.trunc(r.seed);
  if (r.stop !== undefined && r.stop.length > 0) req.stop = [...r.stop];
  if (r.jsonSchema) req.response_format = { type: 'json_object', schema: JSON.stringify(r.jsonSchema) };
  if (thinkingOff) req.extra_body = { enable_thinking: false };
  req.stream = true;
  req.stream_options = { include_usage: true };
  return req as unknown as ChatCompletionRequest;
}

/** Our usage from web-llm's, with `extra`'s prefill and decode speeds when they are finite. */
function webLlmUsage(u: CompletionUsage | undefined): Usage | undefined {
  if (!u) return undefined;
  const extra = u.extra as Partial<CompletionUsage['extra']> | undefined;
  const prefill = finiteRate(extra?.prefill_tokens_per_s);
  const decode = finiteRate(extra?.decode_tokens_per_s);
  return {
    promptTokens: u.prompt_tokens,
    completionTokens: u.completion_tokens,
    ...(prefill !== undefined ? { prefillTokensPerSecond: prefill } : {}),
    ...(decode !== undefined ? { decodeTokensPerSecond: decode } : {}),
  };
}

const isStream = (x: unknown): x is AsyncIterable<ChatCompletionChunk> => typeof x === 'object' && x !== null && Symbol.asyncIterator in x;

/** Why a completion failed, with the reply so far. */
export class CompletionFailure extends Error {
  /** The reply as far as it came. */
  readonly partialText: string;
  constructor(cause: unknown, partialText: string) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'CompletionFailure';
    this.partialText = partialText;
  }
}

/** Runs one completion. An interrupted call resolves with finish reason "abort"; a failure rejects with a `CompletionFailure`. */
export async function runCompletion(
  engine: EngineLike,
  model: string,
  request: GenerateRequest,
  o: CompletionOptions = {},
): Promise<GenerateResult> {
  const reply = new ReplyText(request.stop, o.thinkingOff);
  let finish: unknown;
  let usage: Usage | undefined;
  let answeredBy = model;
  try {
    const answer = await engine.chat.completions.create(toWebLlmRequest(request, o.thinkingOff));
    if (!isStream(answer)) throw new Error('web-llm answered a streamed request in one piece.');
    for await (const chunk of answer) {
      if (o.control && !o.control.started) {
        o.control.started = true;
        if (o.control.stop) void engine.interruptGenerate();
      }
      if (chunk.model) answeredBy = chunk.model;
      const choice = chunk.choices[0];
      const delta = choice?.delta.content;
      if (delta) {
        const out = reply.push(delta);
        if (out) o.onDelta?.(out);
      }
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (chunk.usage) usage = webLlmUsage(chunk.usage);
    }
  } catch (e) {
    throw new CompletionFailure(e, reply.text);
  }
  const rest = reply.end(typeof finish === 'string' ? finish : undefined);
  if (rest) o.onDelta?.(rest);
  return { text: reply.text, finishReason: toFinishReason(finish), model: answeredBy, ...(usage ? { usage } : {}) };
}
