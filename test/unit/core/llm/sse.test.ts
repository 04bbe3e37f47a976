import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../../src/core/llm/sse';

describe('SseParser', () => {
  it('joins data lines, keeps event and id fields, and skips comments', () => {
    const p = new SseParser();
    const events = p.push(': hello\nevent: update\nid: 7\ndata: a\ndata:b\n\ndata: c\n\n');
    expect(events).toEqual([
      { event: 'update', data: 'a\nb', id: '7' },
      { event: 'message', data: 'c', id: '7' },
    ]);
  });

  it('handles CR, CRLF split across pieces, and a last event without a blank line', () => {
    const p = new SseParser();
    expect(p.push('data: x\r')).toEqual([]);
    expect(p.push('\n\r')).toEqual([{ event: 'message', data: 'x' }]);
    expect(p.push('data: y\rdata: z')).toEqual([]);
    expect(p.end()).toEqual([{ event: 'message', data: 'y\nz' }]);
  });

  it('dispatches nothing for a blank line without data', () => {
    expect(new SseParser().push('\n\n\nevent: ping\n\n')).toEqual([]);
  });
});
