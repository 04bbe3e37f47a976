/**
 * A scripted stand-in for the part of web-llm's `MLCEngine` the LLM worker uses (`EngineLike` in
 * workers/llm-api.ts): `reload` with web-llm's own progress sentences, `chat.completions.create`
 * streaming and not (usage with `extra` prefill/decode speeds), `interruptGenerate`, `unload`.
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
  /** Milliseconds before each reply starts, streamed or not. Default 0. */
  readonly replyDelayMs?: number;
  /** Milliseconds between streamed pieces (one piece per word). Default 0. */
  readonly tokenDelayMs?: number;
  /** Progress steps per load phase. Default 3. */
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
  /** Reported in `usage.extra`. Defaults 250 and 25 tokens per second. */
  readonly prefillTokensPerS?: number;
  readonly decodeTokensPerS?: number;
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
  readonly reloads: string[];
  readonly requests: Record<string, unknown>[];
  interrupts: number;
  unloads: number;
}

/** Builds the scripted engine. Self-contained: see the file comment. */
export function createScriptedEngine(script: EngineScript) {
  const log: ScriptedEngineLog = { reloads: [], requests: [], interrupts: 0, unloads: 0 };
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  let progress: ((r: { progress: number; timeElapsed: number; text: string }) => void) | undefined;
  let loadedModel: string | undefined;
  let loadGeneration = 0;
  let interrupted = false;
  let replyIndex = 0;
  let completions = 0;
  let held = false;
  const never = () => new Promise<never>(() => {});
  const ruleUses: number[] = [];
  const words = (text: string): string[] => text.match(/\s*\S+\s*/g) ?? [];

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

  const usage = (promptTokens: number, completionTokens: number) => ({
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    extra: {
      e2e_latency_s: 0.1,
      prefill_tokens_per_s: script.prefillTokensPerS ?? 250,
      decode_tokens_per_s: script.decodeTokensPerS ?? 25,
      time_to_first_token_s: 0.01,
      time_per_output_token_s: 0.04,
    },
  });

  const engine = {
    log,
    /** Answers nothing more: calls under way and new ones wait for ever (a test then reads a log that cannot grow). */
    hold() {
      held = true;
    },
    setInitProgressCallback(cb: typeof progress) {
      progress = cb;
    },
    async reload(modelId: string) {
      log.reloads.push(modelId);
      loadedModel = undefined;
      const mine = ++loadGeneration;
      const steps = script.loadSteps ?? 3;
      const t0 = Date.now();
      const report = (text: string, p: number) => progress?.({ progress: p, timeElapsed: Math.round((Date.now() - t0) / 1000), text });
      const phases: [string, (i: number) => string][] = [
        [
          'fetch',
          (i) =>
            `Fetching param cache[${i}/${steps}]: ${i * 100}MB fetched. ${Math.floor((i * 100) / steps)}% completed, 0 secs elapsed. It can take a while when we first visit this page to populate the cache. Later refreshes will become faster.`,
        ],
        [
          'cache',
          (i) =>
            `Loading model from cache[${i}/${steps}]: ${i * 100}MB loaded. ${Math.floor((i * 100) / steps)}% completed, 0 secs elapsed.`,
        ],
        ['shaders', (i) => `Loading GPU shader modules[${i}/${steps}]: ${Math.floor((i * 100) / steps)}% completed, 0 secs elapsed.`],
      ];
      report('Start to fetch params', 0);
      for (const [, text] of phases) {
        for (let i = 1; i <= steps; i++) {
          await sleep(script.loadDelayMs ?? 0);
          if (mine !== loadGeneration) return; // unloaded meanwhile: web-llm swallows the abort
          report(text(i), i / steps);
        }
      }
      if (script.failLoad) {
        const e = new Error(script.failLoad.message);
        e.name = script.failLoad.name;
        throw e;
      }
      loadedModel = modelId;
      report('Finish loading on WebGPU - scripted engine', 1);
    },
    interruptGenerate() {
      log.interrupts++;
      interrupted = true;
    },
    async unload() {
      log.unloads++;
      loadedModel = undefined;
      loadGeneration++;
    },
    chat: {
      completions: {
        async create(request: Record<string, unknown>) {
          log.requests.push(request);
          if (held) await never();
          if (!loadedModel) {
            const e = new Error('Model not loaded before trying to complete ChatCompletionRequest.');
            e.name = 'ModelNotLoadedError';
            throw e;
          }
          const model = loadedModel;
          if (script.loseDeviceAfter !== undefined && ++completions >= script.loseDeviceAfter) loadedModel = undefined;
          interrupted = false;
          if (script.replyDelayMs) await sleep(script.replyDelayMs);
          const messages = request.messages as { role: string; content: string }[];
          const promptTokens = messages.reduce((n, m) => n + words(m.content).length + 4, 0);
          let pieces = words(nextReply({ messages }));
          let finish = 'stop';
          const max = request.max_tokens as number | undefined;
          if (max !== undefined && pieces.length > max) {
            pieces = pieces.slice(0, max);
            finish = 'length';
          }
          const stops = (request.stop as string[] | undefined) ?? [];
          const created = Math.floor(Date.now() / 1000);
          if (!request.stream) {
            let text = pieces.join('');
            for (const s of stops) if (text.includes(s)) text = text.slice(0, text.indexOf(s));
            return {
              id: 'chatcmpl-scripted',
              object: 'chat.completion',
              created,
              model,
              choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: finish, logprobs: null }],
              usage: usage(promptTokens, pieces.length),
            };
          }
          const includeUsage = (request.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
          const chunk = (delta: Record<string, string>, finishReason: string | null) => ({
            id: 'chatcmpl-scripted',
            object: 'chat.completion.chunk',
            created,
            model,
            choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
          });
          return (async function* () {
            let sent = '';
            let count = 0;
            for (const piece of pieces) {
              if (interrupted) {
                finish = 'abort';
                break;
              }
              const hit = stops.find((s) => (sent + piece).includes(s));
              if (hit) {
                const cut = (sent + piece).indexOf(hit) - sent.length;
                if (cut > 0) yield chunk({ content: piece.slice(0, cut) }, null);
                break;
              }
              if (script.tokenDelayMs) await sleep(script.tokenDelayMs);
              if (held) await never();
              if (interrupted) {
                finish = 'abort';
                break;
              }
              sent += piece;
              count++;
              yield chunk({ role: 'assistant', content: piece }, null);
            }
            yield chunk({}, finish);
            if (includeUsage)
              yield {
                id: 'chatcmpl-scripted',
                object: 'chat.completion.chunk',
                created,
                model,
                choices: [],
                usage: usage(promptTokens, count),
              };
          })();
        },
      },
    },
  };
  return engine;
}

/** The engine type, for tests. */
export type ScriptedEngine = ReturnType<typeof createScriptedEngine>;
