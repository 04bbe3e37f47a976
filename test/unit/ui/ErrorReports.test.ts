import { describe, expect, it } from 'vitest';
import { LlmError } from '../../../src/core/llm/errors';
import { ErrorReports } from '../../../src/ui/ErrorReports.svelte';

describe('ErrorReports', () => {
  it('keeps a message and its hint, counts a repeat once, and dismisses by id', () => {
    const r = new ErrorReports();
    r.report(new LlmError('quota', 'Storage is full.', { hint: 'Delete a cached model.' }));
    r.report(new LlmError('quota', 'Storage is full.', { hint: 'Delete a cached model.' }));
    r.report('plain text');
    expect(r.list.map((x) => [x.message, x.hint, x.count])).toEqual([
      ['Storage is full.', 'Delete a cached model.', 2],
      ['plain text', undefined, 1],
    ]);
    r.dismiss(r.list[0]!.id);
    expect(r.list.map((x) => x.message)).toEqual(['plain text']);
  });

  it('leaves cancellations out and keeps only the five newest', () => {
    const r = new ErrorReports();
    r.report(new DOMException('stopped', 'AbortError'));
    r.report(new LlmError('aborted', 'The run was paused.'));
    expect(r.list).toEqual([]);
    for (let i = 0; i < 7; i++) r.report(new Error(`failure ${i}`));
    expect(r.list.map((x) => x.message)).toEqual(['failure 2', 'failure 3', 'failure 4', 'failure 5', 'failure 6']);
    r.report({ code: 42 });
    expect(r.list.at(-1)?.message).toBe('{"code":42}');
  });
});
