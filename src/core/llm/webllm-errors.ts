/**
 * Turns whatever web-llm throws (Error objects inside the worker; bare strings once they have
 * crossed a worker boundary; DOMExceptions from fetch and the Cache API) into an `LlmError` with a
 * kind, a message naming what failed and where, and what to do next. Pure: the mapping is tested
 * against web-llm's own error texts.
 */
import { LlmError, type LlmErrorKind } from './errors';
import { PHASE_LABELS, type LoadPhase } from './load-progress';

/** What was going on when the error happened, to name it in the message. */
export interface WebLlmErrorContext {
  /** The model being loaded or used. */
  readonly modelId?: string;
  /** The URL requested last (or the one that failed). */
  readonly url?: string;
  /** The load phase reached; undefined during generation. */
  readonly phase?: LoadPhase;
  /** The HTTP status the model host answered for `url`, when the worker saw one (web-llm's own message has none). */
  readonly status?: number;
}

/** What a model host's refusal means, by status, for the hint. */
function refusalHint(status: number): string {
  if (status === 401 || status === 403) {
    return 'The model host refused access: the repository may be gated or private, or a proxy blocks it. Pick another model, or open the file in a browser tab to see why.';
  }
  if (status === 404)
    return "The model host has no such file: the model's record may be out of date. Pick another model, or update the app.";
  if (status === 429)
    return 'The model host is limiting requests: wait a few minutes, then try again (files already downloaded stay in the cache).';
  if (status >= 500) return 'The model host failed: try again later (files already downloaded stay in the cache).';
  return 'The model host refused the file; try again later, or pick another model.';
}

/** web-llm's errors for a request it refuses as malformed (message order, seed, value ranges, fields). */
const INVALID_REQUEST =
  /SystemMessageOrderError|MessageOrderError|SeedTypeError|MinValueError|NonNegativeError|ConfigValueError|InvalidNumberStringError|DependencyError|ContentTypeError|UnsupportedRoleError|UnsupportedFieldsError|StreamingCountError|InvalidResponseFormatError|InvalidStreamOptionsError|UnsupportedContentPartError|MultipleTextContentError|Make sure .*(?:>|<|to be)/;

/** The advice for a browser without WebGPU: which browsers, which flags, or a local server. */
export const NO_WEBGPU_HINT =
  'Use a desktop Chrome or Edge (version 113 or newer) with hardware acceleration on. Safari needs version 26 ' +
  '(or WebGPU turned on under Develop › Feature Flags); Firefox has WebGPU on Windows from version 141, elsewhere behind ' +
  'dom.webgpu.enabled in about:config. On Linux, Chrome may need chrome://flags/#enable-unsafe-webgpu. Or run the model ' +
  'on a local server (Ollama, llama.cpp, vLLM) and choose "OpenAI-compatible server" as the backend.';

/** The advice when no GPU adapter is offered. */
export const NO_ADAPTER_HINT =
  'The browser has WebGPU but found no usable GPU: it may be blocklisted, or hardware acceleration is off ' +
  '(chrome://settings/system). Update the GPU driver, turn acceleration on, try chrome://flags/#enable-unsafe-webgpu, ' +
  'or run the model on a local server (Ollama, llama.cpp, vLLM) and choose "OpenAI-compatible server" as the backend.';

const SMALLER_MODEL =
  'Reload the page and pick a smaller model (fewer parameters, q4 rather than q0, or a "-1k" short-context version), and close other GPU-heavy tabs.';

/** Name and message of whatever was thrown. */
function read(e: unknown): { name: string; message: string } {
  if (e instanceof Error) return { name: e.name, message: e.message };
  if (typeof e === 'string') {
    const m = /^([A-Z][A-Za-z]*(?:Error|Exception)):\s*([\s\S]*)$/.exec(e);
    return m ? { name: m[1]!, message: m[2]! } : { name: '', message: e };
  }
  if (e && typeof e === 'object') {
    const rec = e as { name?: unknown; message?: unknown };
    return {
      name: typeof rec.name === 'string' ? rec.name : '',
      message: typeof rec.message === 'string' ? rec.message : JSON.stringify(e),
    };
  }
  return { name: '', message: String(e) };
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

const fileOf = (url: string) => (url.split(/[?#]/)[0] ?? url).split('/').pop() ?? url;

/** Maps a web-llm failure to an `LlmError`. An `LlmError` passes through unchanged. */
export function mapWebLlmError(e: unknown, ctx: WebLlmErrorContext = {}): LlmError {
  if (e instanceof LlmError) return e;
  const { name, message } = read(e);
  const all = `${name}: ${message}`;
  const model = ctx.modelId ?? 'the model';
  const make = (kind: LlmErrorKind, msg: string, hint: string, status?: number) =>
    new LlmError(kind, msg, { hint, cause: e, ...(status !== undefined ? { status } : {}) });
  const where = ctx.phase && ctx.phase !== 'ready' ? ` while ${PHASE_LABELS[ctx.phase].toLowerCase()}` : '';

  if (
    name === 'AbortError' ||
    /AbortError|(user|operation|request) (was )?aborted|signal is aborted|Engine\.unload\(\) is called/i.test(all)
  ) {
    return make(
      'aborted',
      ctx.phase ? `Loading ${model} was cancelled${where}.` : 'Generation was stopped.',
      'Start again when you are ready; files already downloaded stay in the cache.',
    );
  }
  if (/shader-f16/i.test(all)) {
    return make(
      'shader-f16',
      `${model} needs the WebGPU feature shader-f16, which this GPU or browser does not offer.`,
      'Pick a q4f32 version of the model (the catalogue marks which need f16), or update the browser and GPU driver.',
    );
  }
  if (/WebGPUNotAvailableError|WebGPUNotFoundError|WebGPU is not supported|Cannot find WebGPU/i.test(all)) {
    return make('no-webgpu', 'WebGPU is not available in this browser, so models cannot run on this GPU.', NO_WEBGPU_HINT);
  }
  if (/DeviceLostError|device (was |is )?lost/i.test(all)) {
    return make(
      'device-lost',
      `The GPU device was lost${where || ' while running ' + model}; this usually means it ran out of memory.`,
      SMALLER_MODEL,
    );
  }
  if (/out of memory|OutOfMemory|\bOOM\b|failed to allocate|allocation failed|could not allocate|Array buffer allocation/i.test(all)) {
    return make('out-of-memory', `${model} does not fit in the memory available${where}: ${message}`, SMALLER_MODEL);
  }
  if (/QuotaExceeded|quota/i.test(all)) {
    return make(
      'quota',
      `Browser storage is full, so ${model} cannot be saved${where}.`,
      'Delete cached models you no longer need (Models page), free disk space, or allow this site persistent storage.',
    );
  }
  if (/IntegrityError|Integrity verification failed/i.test(all)) {
    const url = /failed for (\S+)/.exec(message)?.[1] ?? ctx.url ?? 'a model file';
    return make(
      'bad-output',
      `A downloaded file of ${model} failed its integrity check (${url}).`,
      'Delete the model from the cache on the Models page and load it again.',
    );
  }
  if (/GrammarMatcherInitError|InvalidResponseFormatGrammarError|InvalidResponseFormatStructuralTagError/.test(all)) {
    return make(
      'grammar',
      `${model} could not follow the requested output format: ${message}`,
      'The JSON schema could not be compiled into a grammar; this is a bug in the request, not something a retry fixes.',
    );
  }
  const ctxWindow = /number of prompt tokens: (\d+); context window size: (\d+)/.exec(message);
  if (name === 'ContextWindowSizeExceededError' || ctxWindow) {
    return make(
      'context-overflow',
      ctxWindow
        ? `The prompt (${ctxWindow[1]} tokens) is longer than ${model}'s context window (${ctxWindow[2]} tokens).`
        : `The prompt is longer than ${model}'s context window.`,
      'Shorten the prompt or the conversation, or pick a model without the "-1k" suffix (a larger context window).',
    );
  }
  if (INVALID_REQUEST.test(all)) {
    return make(
      'invalid-request',
      `${model} refused the request: ${message}`,
      'The request is malformed (message order, seed or a sampling value out of range); fix it rather than retrying.',
    );
  }
  const status = /(?:received |with )?status (\d{3})\b/i.exec(message);
  const urlInMessage = /(https?:\/\/[^\s'"),]+)/.exec(message)?.[1];
  const url = urlInMessage ?? ctx.url;
  const host = hostOf(url);
  const code = status ? Number(status[1]) : ctx.status !== undefined && ctx.status >= 400 ? ctx.status : undefined;
  if (code !== undefined) {
    return make(
      'http',
      `${host ?? 'The model host'} answered ${code} for ${url ? fileOf(url) : 'a model file'} of ${model}${where}.`,
      refusalHint(code),
      code,
    );
  }
  if (
    /Failed to fetch|NetworkError|network error|Load failed|fetch failed|Request failed|ERR_[A-Z_]+|Cannot fetch|ArtifactOPFSCache failed/i.test(
      all,
    )
  ) {
    return make(
      'network',
      `Could not reach ${host ?? 'the model host'}${where}${url ? ` (${fileOf(url)})` : ''}.`,
      `Check the internet connection: model files come from huggingface.co and raw.githubusercontent.com, and a firewall, proxy or offline mode may block them. Models already in the cache load without the network.`,
    );
  }
  if (
    /ModelNotLoadedError|WorkerEngineModelNotLoadedError|SpecifiedModelNotFoundError|not loaded|call(ed)? `?(engine\.)?reload/i.test(all)
  ) {
    return make('model-not-loaded', 'No model is loaded yet.', 'Load a model on the Models page first.');
  }
  if (/Cannot find model record/i.test(all)) {
    return make('unknown', `web-llm has no model called ${ctx.modelId ?? 'that'}.`, 'Pick a model from the catalogue on the Models page.');
  }
  return make(
    'unknown',
    `${model} failed${where}: ${message || name || 'no reason given'}`,
    'Reload the page and try again; if it keeps failing, try another model or the OpenAI-compatible server backend.',
  );
}
