/**
 * A scripted stand-in for the part of web-llm's `MLCEngine` (0.2.86) the LLM worker uses
 * (`EngineLike` in workers/llm-api.ts), as strict as the real engine wherever the app relies on it:
 *
 * - `reload` unloads first, reports web-llm's own progress sentences and fractions, skips the fetch
 *   phase when every shard is cached, and honours an abort (from `unload`) only while fetching: an
 *   abort then ends `reload` quietly with nothing loaded, as web-llm swallows its AbortError; while
 *   loading from the cache or compiling shaders the load goes on and the model ends up loaded.
 * - `chat.completions.create` checks the request as web-llm does (system message only first, last
 *   message from the user, integer seed, value ranges, `schema` only with `json_object`), throws
 *   `ContextWindowSizeExceededError` when the prompt does not fit the context window, and ends with
 *   `length` when the KV cache fills. Streaming leaks the part of a stop string produced before the
 *   whole string appeared (web-llm trims it from the message, not from what it already streamed).
 *   A request with `extra_body.enable_thinking: false` gets web-llm's empty think block in front.
 * - `interruptGenerate` only sets a flag the decode loop reads, and a new generation clears it.
 * - `unload` disposes the pipeline: a reply in flight fails on its next step, as the real one does.
 * - Decode speed is tokens over time, so a one-token reply reports NaN, as web-llm's does.
 *
 * `createScriptedEngine` is self-contained on purpose (no imports, no outer references): the
 * end-to-end helper sends its source into the browser's LLM worker with Playwright's
 * `Worker.evaluate`, so the double never enters the production build.
 */

/** What the engine does; JSON-serialisable except `respond`, which only unit tests use. */
export interface EngineScript {
  /** Replies in turn; the last one repeats. Default ["Hello from the scripted engine."]. */
  readonly replies?: readonly string[];
  /**
   * Replies chosen by the request's content, for end-to-end tests (plain data, so it crosses into the
   * browser). The messages' contents, joined by blank lines, are matched against each rule's `match`
   * (a RegExp source with `flags`) in order; the first rule that matches answers with its `replies`
   * in turn (the last repeats; each rule counts its own), where `$1`…`$9` stand for the match's
   * groups (an unmatched group gives ""). A request no rule matches gets `replies`.
   */
  readonly rules?: readonly EngineRule[];
  /** Computes the reply from the request instead (unit tests only: a function cannot cross into a browser). */
  readonly respond?: (request: { messages: readonly { role: string; content: string }[] }) => string;
  /** Milliseconds of prefill before the first token, streamed or not (an interrupt is only seen after it). Default 0. */
  readonly replyDelayMs?: number;
  /** Milliseconds between streamed pieces (one piece per word). Default 0. */
  readonly tokenDelayMs?: number;
  /** Progress steps (parameter shards, shader modules) per load phase. Default 3. */
  readonly loadSteps?: number;
  /** Milliseconds between progress reports while loading. Default 0. */
  readonly loadDelayMs?: number;
  /** Makes `reload` throw an Error with this name and message after its progress. */
  readonly failLoad?: { readonly name: string; readonly message: string };
  /**
   * The GPU device is lost after this many completions: the model is gone, as in web-llm, whose
   * engine disposes itself on a device loss, so the next completion fails as "Model not loaded".
   */
  readonly loseDeviceAfter?: number;
  /**
   * The GPU device is lost after this many pieces of the next streamed reply: web-llm unloads itself,
   * the pipeline is disposed and the reply fails on its next step.
   */
  readonly loseDeviceMidReply?: number;
  /**
   * The GPU device is lost while loading: during the fetch phase web-llm's own unload aborts the
   * download and `reload` resolves with nothing loaded; during the shaders `reload` finishes and then
   * throws `DeviceLostError` (the broken model stays registered until the next unload).
   */
  readonly loseDeviceDuringLoad?: 'fetch' | 'shaders';
  /** Models whose shards are all in the cache already (their loads skip the fetch phase). */
  readonly cachedModels?: readonly string[];
  /** Context window in tokens for every model. Default: the record's `overrides.context_window_size`, else 4096. */
  readonly contextWindowSize?: number;
  /** Reported in `usage.extra`. Defaults 250 and 25 tokens per second. */
  readonly prefillTokensPerS?: number;
  readonly decodeTokensPerS?: number;
  /** Pads replies to a `json_object` request with whitespace, as grammar-constrained small models do. */
  readonly padJson?: boolean;
}

/** One content rule of `EngineScript.rules`. */
export interface EngineRule {
  /** A RegExp source, tested against the messages' contents joined by blank lines. */
  readonly match: string;
  /** RegExp flags, e.g. "m" so ^ and $ match at line ends. Default none. */
  readonly flags?: string;
  /** Replies in turn (the last repeats); `$1`…`$9` are the match's groups. */
  readonly replies: readonly string[];
}

/** What the engine recorded, for assertions. */
export interface ScriptedEngineLog {
  /** Model ids passed to `reload`, in order. */
  readonly reloads: string[];
  /** Every request passed to `chat.completions.create`. */
  readonly requests: Record<string, unknown>[];
  /** Calls of `interruptGenerate`. */
  interrupts: number;
  /** Calls of `unload` from outside (reload's own unload not counted). */
  unloads: number;
  /** Replies that failed because the pipeline was disposed under them. */
  disposedMidReply: number;
  /** The most models the engine ever held at once (web-llm can hold several; the app must never let it). */
  maxLoaded: number;
}

/** The part of web-llm's engine configuration the double reads (the model records, for URLs and context windows). */
export interface ScriptedEngineConfig {
  readonly appConfig?: {
    readonly model_list: readonly { model: string; model_id: string; overrides?: { context_window_size?: number } }[];
  };
}

/** Builds the scripted engine. Self-contained: see the file comment. */
export function createScriptedEngine(script: EngineScript, config: ScriptedEngineConfig = {}) {
  const log: ScriptedEngineLog = { reloads: [], requests: [], interrupts: 0, unloads: 0, disposedMidReply: 0, maxLoaded: 0 };
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  const never = () => new Promise<never>(() => {});
  const error = (name: string, message: string) => Object.assign(new Error(message), { name });
  const abortError = (reason: string) =>
    typeof DOMException === 'function' ? new DOMException(reason, 'AbortError') : error('AbortError', reason);
  const words = (text: string): string[] => text.match(/\s*\S+\s*/g) ?? [];
  /** About four characters per token, as English averages with Llama's and Qwen's tokenizers. */
  const tokens = (text: string) => Math.ceil(text.length / 4);
  const records = config.appConfig?.model_list ?? [];
  const steps = Math.max(1, script.loadSteps ?? 3);
  const EMPTY_THINK = '<think>\n\n</think>\n\n';

  type Pipeline = { model: string; disposed: boolean; contextWindow: number };
  const pipelines = new Map<string, Pipeline>();
  let progress: ((r: { progress: number; timeElapsed: number; text: string }) => void) | undefined;
  let reloadController: { aborted: boolean } | undefined;
  let interruptSignal = false;
  let replyIndex = 0;
  let completions = 0;
  let held = false;
  let midReplyLoss = script.loseDeviceMidReply;
  let lock: Promise<unknown> = Promise.resolve();
  const ruleUses: number[] = [];

  // The cache: shard URLs in memory, mirrored into the browser's Cache Storage when there is one (so
  // the app's cache listing and web-llm's own deleteModelAllInfoInCache see what the double "downloaded").
  const memory = new Map<string, { bytes: number; shards?: string[] }>();
  const browserCaches = (globalThis as { caches?: CacheStorage }).caches;
  const SHARD_BYTES = 100 * 2 ** 20;
  const baseOf = (modelId: string) => {
    const url = (records.find((r) => r.model_id === modelId)?.model ?? `https://scripted.test/${modelId}`).replace(/\/+$/, '');
    return /huggingface\.co\/[^/]+\/[^/]+$/.test(url) ? `${url}/resolve/main/` : `${url}/`;
  };
  const shardUrl = (modelId: string, i: number) => `${baseOf(modelId)}params_shard_${i}.bin`;
  const put = async (scope: string, url: string, body: string, bytes: number, shards?: string[]) => {
    memory.set(url, { bytes, ...(shards ? { shards } : {}) });
    if (!browserCaches) return;
    const cache = await browserCaches.open(scope);
    await cache.put(url, new Response(body, { headers: { 'content-length': String(bytes) } }));
  };
  const isCached = async (url: string) => {
    if (!browserCaches) return memory.has(url);
    return (await (await browserCaches.open('webllm/model')).match(url)) !== undefined;
  };
  const writeManifest = async (modelId: string) => {
    const list = Array.from({ length: steps }, (_, i) => ({ dataPath: `params_shard_${i}.bin`, nbytes: SHARD_BYTES, records: [] }));
    const body = JSON.stringify({ metadata: {}, records: list });
    await put(
      'webllm/model',
      `${baseOf(modelId)}tensor-cache.json`,
      body,
      body.length,
      list.map((r) => r.dataPath),
    );
    await put('webllm/model', `${baseOf(modelId)}tokenizer.json`, '{}', 2_000_000);
    await put('webllm/config', `${baseOf(modelId)}mlc-chat-config.json`, '{}', 2_000);
  };
  const ready = (async () => {
    for (const id of script.cachedModels ?? []) {
      await writeManifest(id);
      for (let i = 0; i < steps; i++) await put('webllm/model', shardUrl(id, i), '', SHARD_BYTES);
    }
  })();

  const nextReply = (request: { messages: readonly { role: string; content: string }[] }) => {
    if (script.respond) return script.respond(request);
    const text = request.messages.map((m) => m.content).join('\n\n');
    for (const [i, rule] of (script.rules ?? []).entries()) {
      const found = new RegExp(rule.match, rule.flags ?? '').exec(text);
      if (!found) continue;
      const n = ruleUses[i] ?? 0;
      ruleUses[i] = n + 1;
      const reply = rule.replies[Math.min(n, rule.replies.length - 1)] ?? '';
      return reply.replace(/\$(\d)/g, (_, d: string) => found[Number(d)] ?? '');
    }
    const replies = script.replies && script.replies.length ? script.replies : ['Hello from the scripted engine.'];
    const reply = replies[Math.min(replyIndex, replies.length - 1)] ?? '';
    replyIndex++;
    return reply;
  };

  const usage = (promptTokens: number, completionTokens: number) => {
    const decodeTokens = Math.max(0, completionTokens - 1); // the first token comes out of the prefill
    const rate = script.decodeTokensPerS ?? 25;
    return {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      extra: {
        e2e_latency_s: 0.1,
        prefill_tokens_per_s: script.prefillTokensPerS ?? 250,
        decode_tokens_per_s: decodeTokens / (decodeTokens / rate), // 0 / 0 = NaN for a one-token reply, as in web-llm
        time_to_first_token_s: 0.01,
        time_per_output_token_s: decodeTokens > 0 ? 1 / rate : 0,
      },
    };
  };

  /** web-llm's unload: disposes every pipeline and aborts a reload in progress. */
  const unloadInternal = () => {
    for (const p of pipelines.values()) p.disposed = true;
    pipelines.clear();
    if (reloadController) {
      reloadController.aborted = true;
      reloadController = undefined;
    }
  };
  const loseDevice = () => unloadInternal(); // web-llm's device.lost handler calls this.unload()

  /** web-llm's postInitAndCheckFields and postInitAndCheckGenerationConfigValues, for what the app sends. */
  const checkFields = (request: Record<string, unknown>) => {
    const messages = request.messages as { role: string; content: unknown }[] | undefined;
    if (!Array.isArray(messages) || messages.length === 0) throw error('MessageOrderError', 'Messages should not be empty.');
    messages.forEach((m, i) => {
      if (m.role !== 'system' && m.role !== 'user' && m.role !== 'assistant' && m.role !== 'tool') {
        throw error('UnsupportedRoleError', `Unsupported role of message: ${m.role}`);
      }
      if (m.role !== 'user' && typeof m.content !== 'string') throw error('ContentTypeError', `${m.role} should have string content.`);
      if (m.role === 'system' && i !== 0) {
        throw error('SystemMessageOrderError', 'System prompt should always be the first message in `messages`.');
      }
    });
    const last = messages[messages.length - 1]!.role;
    if (last !== 'user' && last !== 'tool') throw error('MessageOrderError', 'Last message should be from either `user` or `tool`.');
    if (request.stream && typeof request.n === 'number' && request.n > 1) {
      throw error('StreamingCountError', 'When streaming, `n` cannot be > 1.');
    }
    if (request.seed !== undefined && request.seed !== null && !Number.isInteger(request.seed)) {
      throw error('SeedTypeError', `\`seed\` should be an integer, but got ${String(request.seed)}`);
    }
    const format = request.response_format as { type?: string; schema?: unknown } | undefined;
    if (format?.schema !== undefined && format.schema !== null && format.type !== 'json_object') {
      throw error('InvalidResponseFormatError', 'JSON schema is only supported with `json_object` response format.');
    }
  };
  const checkValues = (request: Record<string, unknown>) => {
    const has = (k: string) => request[k] !== undefined && request[k] !== null;
    const n = (k: string) => request[k] as number;
    if (has('max_tokens') && !(n('max_tokens') > 0)) throw error('MinValueError', 'Make sure `max_tokens` > 0.');
    if (has('top_p') && !(n('top_p') > 0 && n('top_p') <= 1)) throw error('RangeError', 'Make sure 0 < top_p <= 1.');
    if (has('temperature') && !(n('temperature') >= 0)) throw error('NonNegativeError', 'Make sure temperature >= 0.');
    for (const k of ['frequency_penalty', 'presence_penalty']) {
      if (has(k) && !(n(k) >= -2 && n(k) <= 2)) throw error('RangeError', `Make sure -2 < ${k} <= 2.`);
    }
    const format = request.response_format as { type?: string; schema?: unknown } | undefined;
    if (format?.type === 'json_object' && format.schema !== undefined) {
      try {
        if (typeof format.schema !== 'string') throw new Error('schema must be a JSON string');
        JSON.parse(format.schema);
      } catch (e) {
        throw error(
          'GrammarMatcherInitError',
          `Failed to initialize the grammar matcher for response format \`json_object\`: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
  };

  /** One generation on the pipeline, one token (word) at a time, yielding each delta and returning how it ended. */
  const generate = async function* (p: Pipeline, request: Record<string, unknown>) {
    checkValues(request);
    interruptSignal = false; // web-llm clears the flag when a generation starts
    const messages = request.messages as { role: string; content: string }[];
    const promptTokens = 8 + messages.reduce((sum, m) => sum + tokens(m.content) + 4, 0);
    if (promptTokens > p.contextWindow) {
      throw error(
        'ContextWindowSizeExceededError',
        `Prompt tokens exceed context window size: number of prompt tokens: ${promptTokens}; context window size: ${p.contextWindow}\n` +
          'Consider shortening the prompt, or increase `context_window_size`, or using sliding window via `sliding_window_size`.',
      );
    }
    if (script.replyDelayMs) await sleep(script.replyDelayMs); // prefill: cannot be interrupted
    const format = request.response_format as { type?: string } | undefined;
    let reply = nextReply({ messages });
    if (script.padJson && format?.type === 'json_object') reply = `\n  ${reply.replace(/^\{\s*/, '{ ').replace(/\s*\}$/, ' }')}\n\n`;
    const extra = request.extra_body as { enable_thinking?: boolean } | undefined;
    const pieces = words(reply);
    if (extra?.enable_thinking === false) pieces.unshift(EMPTY_THINK);
    const stops = [...((request.stop as string[] | undefined) ?? [])];
    const max = (request.max_tokens as number | undefined) ?? Infinity;
    let message = '';
    let finish: 'stop' | 'length' | 'abort' = 'stop';
    let count = 0;
    for (const [i, piece] of pieces.entries()) {
      if (i > 0) {
        if (interruptSignal) {
          finish = 'abort';
          break;
        }
        if (script.tokenDelayMs) await sleep(script.tokenDelayMs);
        if (held) await never();
      }
      if (p.disposed) {
        log.disposedMidReply++;
        throw error('Error', 'Object has already been disposed');
      }
      count++;
      let next = message + piece;
      let stopped = false;
      for (const s of stops) {
        const at = next.lastIndexOf(s);
        if (at !== -1) {
          next = next.slice(0, at);
          stopped = true;
          break;
        }
      }
      const delta = next.slice(message.length);
      message = next;
      yield { delta, message };
      if (midReplyLoss !== undefined && count >= midReplyLoss) {
        midReplyLoss = undefined;
        loseDevice();
      }
      if (stopped) break;
      if (count >= max || promptTokens + count >= p.contextWindow) {
        finish = 'length';
        break;
      }
    }
    completions++;
    if (script.loseDeviceAfter !== undefined && completions >= script.loseDeviceAfter && pipelines.get(p.model) === p) {
      pipelines.delete(p.model);
      p.disposed = true;
    }
    return { finish, message, usage: usage(promptTokens, count) };
  };

  /** Runs `fn` under the model's lock, as web-llm does for every request to one model. */
  const locked = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = lock.then(fn, fn);
    lock = run.catch(() => {});
    return run;
  };

  const engine = {
    log,
    /** Answers nothing more: calls under way and new ones wait for ever (a test then reads a log that cannot grow). */
    hold() {
      held = true;
    },
    /** Every file the double put in its cache, with its size and, for a manifest, the shards it lists (as the worker lists Cache Storage). */
    cacheEntries(): { url: string; bytes: number; shards?: string[] }[] {
      return [...memory].map(([url, e]) => ({ url, ...e }));
    },
    /** Removes a model's files from the in-memory cache (the browser's is cleared by web-llm itself). */
    forget(modelId: string) {
      for (const url of [...memory.keys()]) if (url.startsWith(baseOf(modelId))) memory.delete(url);
    },
    setInitProgressCallback(cb: typeof progress) {
      progress = cb;
    },
    async reload(modelId: string) {
      log.reloads.push(modelId);
      unloadInternal(); // web-llm's reload starts with unload()
      await ready;
      const controller = { aborted: false };
      reloadController = controller;
      const record = records.find((r) => r.model_id === modelId);
      if (records.length > 0 && !record) {
        throw error('ModelNotFoundError', `Cannot find model record in appConfig for ${modelId}. Please check if the model ID is correct.`);
      }
      const t0 = Date.now();
      const report = (text: string, fraction: number) =>
        progress?.({ progress: fraction, timeElapsed: Math.ceil((Date.now() - t0) / 1000), text });
      const mb = (i: number) => Math.ceil((i * SHARD_BYTES) / 2 ** 20);
      const pct = (i: number) => Math.floor((i * 100) / steps);
      let lostInReload = false;
      try {
        await writeManifest(modelId);
        let cacheOnly = true;
        for (let i = 0; i < steps; i++) if (!(await isCached(shardUrl(modelId, i)))) cacheOnly = false;
        report('Start to fetch params', 0);
        if (!cacheOnly) {
          for (let i = 1; i <= steps; i++) {
            if (!(await isCached(shardUrl(modelId, i - 1)))) {
              await sleep(script.loadDelayMs ?? 0);
              if (controller.aborted) throw abortError('Engine.unload() is called.'); // the only phase web-llm can abort
              await put('webllm/model', shardUrl(modelId, i - 1), '', SHARD_BYTES);
            }
            report(
              `Fetching param cache[${i}/${steps}]: ${mb(i)}MB fetched. ${pct(i)}% completed, ${Math.ceil((Date.now() - t0) / 1000)} secs elapsed. It can take a while when we first visit this page to populate the cache. Later refreshes will become faster.`,
              i / steps,
            );
            if (script.loseDeviceDuringLoad === 'fetch' && i === Math.ceil(steps / 2)) loseDevice();
          }
        }
        for (let i = 1; i <= steps; i++) {
          await sleep(script.loadDelayMs ?? 0);
          report(
            `Loading model from cache[${i}/${steps}]: ${mb(i)}MB loaded. ${pct(i)}% completed, ${Math.ceil((Date.now() - t0) / 1000)} secs elapsed.`,
            i / steps,
          );
        }
        for (let i = 1; i <= steps; i++) {
          await sleep(script.loadDelayMs ?? 0);
          report(
            `Loading GPU shader modules[${i}/${steps}]: ${pct(i)}% completed, ${Math.ceil((Date.now() - t0) / 1000)} secs elapsed.`,
            i / steps,
          );
          if (script.loseDeviceDuringLoad === 'shaders' && i === Math.ceil(steps / 2)) {
            loseDevice();
            lostInReload = true;
          }
        }
        if (script.failLoad) throw error(script.failLoad.name, script.failLoad.message);
        const contextWindow = script.contextWindowSize ?? record?.overrides?.context_window_size ?? 4096;
        pipelines.set(modelId, { model: modelId, disposed: false, contextWindow });
        log.maxLoaded = Math.max(log.maxLoaded, pipelines.size);
        report('Finish loading on WebGPU - scripted engine', 1);
        if (lostInReload) {
          throw error(
            'DeviceLostError',
            'The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM).',
          );
        }
      } catch (e) {
        if (e instanceof Error && e.name === 'AbortError') return; // web-llm: "Reload() is aborted." and nothing else
        throw e;
      } finally {
        if (reloadController === controller) reloadController = undefined;
      }
    },
    async interruptGenerate() {
      log.interrupts++;
      interruptSignal = true;
    },
    async unload() {
      log.unloads++;
      unloadInternal();
    },
    /** web-llm's getMessage: the current message of the loaded model; fails when none (or not that one) is loaded. */
    async getMessage(modelId?: string): Promise<string> {
      const ids = [...pipelines.keys()];
      if (ids.length === 0) throw error('ModelNotLoadedError', 'Model not loaded before trying to complete getMessage.');
      if (modelId && !ids.includes(modelId)) throw error('SpecifiedModelNotFoundError', `Specified model ${modelId} is not found.`);
      if (!modelId && ids.length > 1) throw error('UnclearModelToUseError', 'Multiple models are loaded in engine.');
      return '';
    },
    chat: {
      completions: {
        async create(request: Record<string, unknown>) {
          log.requests.push(request);
          if (held) await never();
          const ids = [...pipelines.keys()];
          if (ids.length === 0) {
            throw error(
              'ModelNotLoadedError',
              'Model not loaded before trying to complete ChatCompletionRequest. Please ensure you have called MLCEngine.reload(model) to load the model before initiating APIs.',
            );
          }
          const wanted = request.model as string | undefined;
          if (wanted && !ids.includes(wanted)) throw error('SpecifiedModelNotFoundError', `Specified model ${wanted} is not found.`);
          if (!wanted && ids.length > 1) {
            throw error(
              'UnclearModelToUseError',
              `Multiple models are loaded in engine. Please specify the model in ChatCompletionRequest.`,
            );
          }
          const p = pipelines.get(wanted ?? ids[0]!)!;
          checkFields(request);
          const created = Math.floor(Date.now() / 1000);
          const base = { id: 'chatcmpl-scripted', created, model: p.model };
          if (!request.stream) {
            return locked(async () => {
              const gen = generate(p, request);
              let step = await gen.next();
              while (!step.done) step = await gen.next();
              const { finish, message, usage: u } = step.value;
              return {
                ...base,
                object: 'chat.completion',
                choices: [{ index: 0, message: { role: 'assistant', content: message }, finish_reason: finish, logprobs: null }],
                usage: u,
              };
            });
          }
          const includeUsage = (request.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
          const chunk = (delta: Record<string, string>, finishReason: string | null) => ({
            ...base,
            object: 'chat.completion.chunk',
            choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
          });
          return (async function* () {
            let release = () => {};
            const acquired = new Promise<void>((r) => (release = r));
            const previous = lock;
            lock = lock.then(() => acquired);
            await previous;
            try {
              const gen = generate(p, request);
              let step = await gen.next();
              while (!step.done) {
                yield chunk({ content: step.value.delta, role: 'assistant' }, null);
                step = await gen.next();
              }
              yield chunk({}, step.value.finish);
              if (includeUsage) yield { ...base, object: 'chat.completion.chunk', choices: [], usage: step.value.usage };
            } finally {
              release();
            }
          })();
        },
      },
    },
  };
  return engine;
}

/** The engine type, for tests. */
export type ScriptedEngine = ReturnType<typeof createScriptedEngine>;
