// ReplyText: streamed deltas in, the reply itself out (a leaked stop-string start and web-llm's empty
// think block held back and dropped).
import { describe, expect, it } from 'vitest';
import { EMPTY_THINK_BLOCK, finiteRate, ReplyText } from '../../../workers/llm-stream';

const run = (deltas: string[], stops: string[], finish: string, thinkingOff = false) => {
  const r = new ReplyText(stops, thinkingOff);
  const out = deltas.map((d) => r.push(d));
  out.push(r.end(finish));
  return { text: r.text, passed: out.join('') };
};

describe('ReplyText', () => {
  it('passes plain text through', () => {
    expect(run(['Hello ', 'there.'], [], 'stop')).toEqual({ text: 'Hello there.', passed: 'Hello there.' });
  });

  it('holds back what may be the start of a stop string, and drops it when the stream ends on it', () => {
    expect(run(['Sure. ', '### ', ''], ['### Next'], 'stop').text).toBe('Sure. ');
    expect(run(['Sure. ', '##'], ['### Next'], 'stop').text).toBe('Sure. ');
  });

  it('lets it go once the text turns out to be something else, or when the reply was cut off', () => {
    expect(run(['A ', '### ', 'B'], ['### Next'], 'stop').text).toBe('A ### B');
    expect(run(['A ', '##'], ['### Next'], 'length').text).toBe('A ##');
  });

  it('cuts at a whole stop string if one comes through', () => {
    expect(run(['one END two'], ['END'], 'stop')).toEqual({ text: 'one ', passed: 'one ' });
  });

  it("strips web-llm's empty think block when thinking was turned off, even split across deltas", () => {
    expect(run([`${EMPTY_THINK_BLOCK}Hi`, ' there'], [], 'stop', true).text).toBe('Hi there');
    expect(run(['<think>\n', '\n</think>\n\n', 'Hi'], [], 'stop', true).text).toBe('Hi');
    expect(run(['<thinking about it> yes'], [], 'stop', true).text).toBe('<thinking about it> yes');
    expect(run([EMPTY_THINK_BLOCK], [], 'stop', true).text).toBe('');
  });

  it('keeps a think block the model wrote itself when thinking was not turned off', () => {
    expect(run(['<think>hmm</think>Yes'], [], 'stop').text).toBe('<think>hmm</think>Yes');
  });
});

describe('finiteRate', () => {
  it('keeps finite positive speeds only', () => {
    expect(finiteRate(12.5)).toBe(12.5);
    expect(finiteRate(Number.NaN)).toBeUndefined();
    expect(finiteRate(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(finiteRate(0)).toBeUndefined();
    expect(finiteRate(undefined)).toBeUndefined();
  });
});
