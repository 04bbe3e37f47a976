/**
 * What web-llm streams is not quite the reply: it streams the part of a stop string produced before
 * the whole string appeared (and only trims its final message), and with `enable_thinking: false`
 * every reply starts with the empty think block it put in front of the answer. `ReplyText` turns the
 * streamed deltas into the reply itself, holding back text that may still turn out to be either.
 */

/** The block web-llm puts in front of a reply when thinking is off (see its `forwardPrefill`). */
export const EMPTY_THINK_BLOCK = '<think>\n\n</think>\n\n';

/** The length of the longest end of `text` that is the start (not the whole) of one of `stops`. */
function heldLength(text: string, stops: readonly string[]): number {
  let held = 0;
  for (const s of stops) {
    for (let n = Math.min(s.length - 1, text.length); n > held; n--) {
      if (text.endsWith(s.slice(0, n))) {
        held = n;
        break;
      }
    }
  }
  return held;
}

/** Streamed deltas in, the reply's own text out. */
export class ReplyText {
  readonly #stops: readonly string[];
  #prefix: string | undefined;
  #pending = '';
  #text = '';
  #cut = false;

  /** `stops`: the request's stop strings; `thinkingOff`: whether the request turned thinking off. */
  constructor(stops: readonly string[] = [], thinkingOff = false) {
    this.#stops = stops.filter((s) => s.length > 0);
    this.#prefix = thinkingOff ? EMPTY_THINK_BLOCK : undefined;
  }

  /** The reply so far (what has been passed on). */
  get text(): string {
    return this.#text;
  }

  /** Takes a streamed delta; returns the text that is now certainly part of the reply (maybe ""). */
  push(delta: string): string {
    if (this.#cut) return '';
    this.#pending += delta;
    if (this.#prefix !== undefined) {
      if (this.#prefix.startsWith(this.#pending)) return ''; // could still be the think block
      if (this.#pending.startsWith(this.#prefix)) this.#pending = this.#pending.slice(this.#prefix.length);
      this.#prefix = undefined;
    }
    for (const s of this.#stops) {
      const at = this.#pending.indexOf(s);
      if (at >= 0) {
        this.#cut = true;
        return this.#emit(this.#pending.slice(0, at), '');
      }
    }
    const held = heldLength(this.#pending, this.#stops);
    return this.#emit(this.#pending.slice(0, this.#pending.length - held), this.#pending.slice(this.#pending.length - held));
  }

  /**
   * The text still held back once the stream has ended: dropped when it ended on a stop ("stop": the
   * held text was the start of the stop string web-llm then cut), kept otherwise (cut off, stopped).
   */
  end(finish: string | undefined): string {
    if (this.#cut || finish === 'stop') return this.#emit('', '');
    const rest = this.#prefix !== undefined && this.#prefix.startsWith(this.#pending) ? '' : this.#pending;
    return this.#emit(rest, '');
  }

  #emit(out: string, keep: string): string {
    this.#pending = keep;
    this.#text += out;
    return out;
  }
}

/** A speed web-llm reported, when it is a finite positive number (a one-token reply reports 0 / 0). */
export function finiteRate(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : undefined;
}
