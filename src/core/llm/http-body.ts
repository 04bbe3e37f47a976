/**
 * The guards around one HTTP request to a model server: a total timeout, an idle timeout between
 * the pieces of a reply, and a cap on the reply's size. Pure `fetch`-era code, so it runs in the
 * page, in workers and in Node.
 */

/** Default cap on a reply body: far above any chat completion (8,192 tokens are ~40 KB). */
export const DEFAULT_MAX_REPLY_BYTES = 8 * 2 ** 20;

/** Aborts a request when it takes longer than `totalMs`, or when nothing arrives for `idleMs` once the reply has started. */
export class RequestWatchdog {
  /** The signal to give `fetch`: the caller's, plus the timers. */
  readonly signal: AbortSignal | undefined;
  /** Which timer fired, if one did. */
  fired: 'total' | 'idle' | undefined;
  readonly #controller: AbortController | undefined;
  readonly #outer: AbortSignal | undefined;
  readonly #idleMs: number | undefined;
  #total: ReturnType<typeof setTimeout> | undefined;
  #idle: ReturnType<typeof setTimeout> | undefined;
  readonly #onAbort = () => this.#controller?.abort(this.#outer?.reason);

  constructor(outer: AbortSignal | undefined, totalMs?: number, idleMs?: number) {
    this.#outer = outer;
    this.#idleMs = idleMs && idleMs > 0 ? idleMs : undefined;
    if (!(totalMs && totalMs > 0) && !this.#idleMs) {
      this.signal = outer;
      return;
    }
    this.#controller = new AbortController();
    this.signal = this.#controller.signal;
    if (outer?.aborted) this.#controller.abort(outer.reason);
    outer?.addEventListener('abort', this.#onAbort, { once: true });
    if (totalMs && totalMs > 0) this.#total = setTimeout(() => this.#fire('total'), totalMs);
  }

  /** The limit of the timer that fired, ms. */
  limitMs(totalMs: number | undefined, idleMs: number | undefined): number {
    return (this.fired === 'idle' ? idleMs : totalMs) ?? 0;
  }

  /** Something arrived (the headers, a piece of the body): the idle timer starts again. */
  touch(): void {
    if (!this.#idleMs || this.fired) return;
    if (this.#idle !== undefined) clearTimeout(this.#idle);
    this.#idle = setTimeout(() => this.#fire('idle'), this.#idleMs);
  }

  /** Stops the timers and lets go of the caller's signal. */
  dispose(): void {
    if (this.#total !== undefined) clearTimeout(this.#total);
    if (this.#idle !== undefined) clearTimeout(this.#idle);
    this.#outer?.removeEventListener('abort', this.#onAbort);
  }

  #fire(which: 'total' | 'idle'): void {
    if (this.fired || this.#outer?.aborted) return;
    this.fired = which;
    this.#controller?.abort(new Error(`${which} timeout`));
  }
}

/** A body read piece by piece. */
export interface ChunkSource {
  /** The next piece; `done` at the end. */
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  /** Stops reading and lets the connection go. */
  cancel(): Promise<void>;
}

/**
 * A response body that calls `onChunk` for every piece (the watchdog's `touch`) and throws what
 * `tooLarge()` makes once more than `maxBytes` have arrived (the connection is let go first).
 */
export function guardedBody(
  body: ReadableStream<Uint8Array>,
  opts: { readonly maxBytes: number; readonly onChunk: () => void; readonly tooLarge: () => Error },
): ChunkSource {
  const reader = body.getReader();
  let bytes = 0;
  return {
    async read() {
      const chunk = await reader.read();
      if (chunk.done) return { done: true };
      opts.onChunk();
      bytes += chunk.value?.byteLength ?? 0;
      if (bytes > opts.maxBytes) {
        reader.cancel().catch(() => {});
        throw opts.tooLarge();
      }
      return { done: false, ...(chunk.value ? { value: chunk.value } : {}) };
    },
    cancel: () => reader.cancel().catch(() => {}),
  };
}

/** The whole body of a source as text (UTF-8). */
export async function readAllText(source: ChunkSource): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const chunk = await source.read();
    if (chunk.done) return text + decoder.decode();
    text += decoder.decode(chunk.value, { stream: true });
  }
}

/** Up to `maxBytes` of a body as text, for error messages; never throws. */
export async function readSomeText(body: ReadableStream<Uint8Array> | null, maxBytes = 64 * 1024): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    while (bytes < maxBytes) {
      const chunk = await reader.read();
      if (chunk.done) return text + decoder.decode();
      bytes += chunk.value?.byteLength ?? 0;
      text += decoder.decode(chunk.value, { stream: true });
    }
    reader.cancel().catch(() => {});
    return text;
  } catch {
    return text;
  }
}
