/**
 * One chat completion on a web-llm engine: our `GenerateRequest` in, web-llm's OpenAI-style request
 * out (JSON schema as a string in `response_format`, usage requested when streaming), and the
 * streamed or one-piece answer back as a `GenerateResult` with web-llm's prefill/decode speeds.
 */
import type { ChatCompletionChunk, ChatCompletionRequest, CompletionUsage } from '@mlc-ai/web-llm';
import type { GenerateRequest, GenerateResult, Usage } from '../src/core/llm/types';
import { toFinishReason } from '../src/core/llm/openai-wire';
import type { EngineLike } from './llm-api';

/** web-llm's request for ours; absent options are left out (web-llm then uses the model's defaults). */
export function toWebLlmRequest(r: GenerateRequest, stream: boolean): ChatCompletionRequest {
  const req: Record<string, unknown> = { messages: r.messages.map((m) => ({ role: m.role, content: m.content })) };
  if (r.temperature !== undefined) req.temperature = r.temperature;
  if (r.top_p !== undefined) req.top_p = r.top_p;
  if (r.max_tokens !== undefined) req.max_tokens = r.max_tokens;
  if (r.seed !== undefined) req.seed = Math.trunc(r.seed);
  if (r.stop !== undefined && r.stop.length > 0) req.stop = [...r.stop];
  if (r.jsonSchema) req.response_format = { type: 'json_object', schema: JSON.stringify(r.jsonSchema) };
  if (stream) {
    req.stream = true;
    req.stream_options = { include_usage: true };
  }
  return req as unknown as ChatCompletionRequest;
}

/** Our usage from web-llm's, with `extra`'s prefill and decode speeds when present. */
export function toUsage(u: CompletionUsage | undefined): Usage | undefined {
  if (!u) return undefined;
  const extra = u.extra as Partial<CompletionUsage['extra']> | undefined;
  return {
    promptTokens: u.prompt_tokens,
    completionTokens: u.completion_tokens,
    ...(typeof extra?.prefill_tokens_per_s === 'number' ? { prefillTokensPerSecond: extra.prefill_tokens_per_s } : {}),
    ...(typeof extra?.decode_tokens_per_s === 'number' ? { decodeTokensPerSecond: extra.decode_tokens_per_s } : {}),
  };
}

const isStream = (x: unknown): x is AsyncIterable<ChatCompletionChunk> => typeof x === 'object' && x !== null && Symbol.asyncIterator in x;

/** Runs one completion; streams when `onDelta` is given. An interrupted call resolves with finish reason "abort". */
export async function runCompletion(
  engine: EngineLike,
  model: string,
  request: GenerateRequest,
  onDelta?: (delta: string) => void,
): Promise<GenerateResult> {
  const answer = await engine.chat.completions.create(toWebLlmRequest(request, onDelta !== undefined));
  if (!isStream(answer)) {
    const choice = answer.choices[0];
    const usage = toUsage(answer.usage);
    return {
      text: choice?.message.content ?? '',
      finishReason: toFinishReason(choice?.finish_reason),
      model: answer.model || model,
      ...(usage ? { usage } : {}),
    };
  }
  let text = '';
  let finish: unknown;
  let usage: Usage | undefined;
  let answeredBy = model;
  for await (const chunk of answer) {
    if (chunk.model) answeredBy = chunk.model;
    const choice = chunk.choices[0];
    const delta = choice?.delta.content;
    if (delta) {
      text += delta;
      onDelta?.(delta);
    }
    if (choice?.finish_reason) finish = choice.finish_reason;
    if (chunk.usage) usage = toUsage(chunk.usage);
  }
  return { text, finishReason: toFinishReason(finish), model: answeredBy, ...(usage ? { usage } : {}) };
}
