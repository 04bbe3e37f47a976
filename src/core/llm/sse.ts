/**
 * A server-sent events reader, as the WHATWG spec describes it, over any byte stream: fields
 * `data`, `event` and `id`; comments (lines starting with ":") skipped; LF, CRLF and CR line ends;
 * several `data` lines joined with "\n". Pure, so it runs in the page, in workers and in Node.
 */

/** One dispatched event. */
export interface SseEvent {
  /** The event type; "message" when the server sent no `event:` field. */
  readonly event: string;
  /** The data lines joined with "\n". */
  readonly data: string;
  /** The last `id:` value seen, if any. */
  readonly id?: string;
}

/** Splits text fed in arbitrary pieces into SSE events. */
export class SseParser {
  #buffer = '';
  #data: string[] = [];
  #event = '';
  #id: string | undefined;
  #pendingCr = false;

  /** Feeds a piece of text; returns the events it completed (possibly none). */
  push(text: string): SseEvent[] {
    const out: SseEvent[] = [];
    let chunk = text;
    // A CR at the end of the previous piece may be the first half of a CRLF.
    if (this.#pendingCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.#pendingCr = false;
    this.#buffer += chunk;
    let start = 0;
    for (let i = 0; i < this.#buffer.length; i++) {
      const c = this.#buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      this.#line(this.#buffer.slice(start, i), out);
      if (c === '\r') {
        if (i + 1 === this.#buffer.length) this.#pendingCr = true;
        else if (this.#buffer[i + 1] === '\n') i++;
      }
      start = i + 1;
    }
    this.#buffer = this.#buffer.slice(start);
    return out;
  }

  /**
   * Ends the stream. The spec drops an event not followed by a blank line; servers that close the
   * connection right after their last `data:` line are common, so it is dispatched instead.
   */
  end(): SseEvent[] {
    const out: SseEvent[] = [];
    if (this.#buffer) this.#line(this.#buffer, out);
    this.#buffer = '';
    this.#line('', out);
    return out;
  }

  #line(line: string, out: SseEvent[]): void {
    if (line === '') {
      if (this.#data.length) {
        const ev: SseEvent = { event: this.#event || 'message', data: this.#data.join('\n') };
        out.push(this.#id === undefined ? ev : { ...ev, id: this.#id });
      }
      this.#data = [];
      this.#event = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
  }
}
