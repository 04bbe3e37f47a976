import { describe, expect, it } from 'vitest';
import {
  cleanOutput,
  formatCritique,
  parseControversy,
  parseCritique,
  parseRevision,
  parseTopic,
  parseVerdict,
} from '../../../../src/core/pipeline/parsers';

describe('parseCritique', () => {
  it('reads the Appendix B format', () => {
    const r = parseCritique('EVALUATION: Too long for her. SUGGESTIONS: Cut it to two lines.\nDONE');
    expect(r).toEqual({ ok: true, value: { evaluation: 'Too long for her.', suggestions: 'Cut it to two lines.', complete: true } });
  });
  it('accepts markdown, a preamble and a missing DONE', () => {
    const r = parseCritique('Sure! Here is my critique.\n\n**EVALUATION:** It ignores her faith.\n\n**Suggestions:** Mention community.');
    expect(r.ok && r.value).toEqual({ evaluation: 'It ignores her faith.', suggestions: 'Mention community.', complete: false });
  });
  it('accepts a critique with only one section', () => {
    const r = parseCritique('## Evaluation: fine as it is\nDONE');
    expect(r.ok && r.value.evaluation).toBe('fine as it is');
  });
  it('refuses empty output, garbage and bare markers', () => {
    expect(parseCritique('').ok).toBe(false);
    expect(parseCritique('lorem ipsum dolor').ok).toBe(false);
    expect(parseCritique('EVALUATION: SUGGESTIONS: DONE').ok).toBe(false);
  });
  it('formats a critique for the revision prompt without DONE', () => {
    expect(formatCritique({ evaluation: 'E', suggestions: 'S', complete: true })).toBe('EVALUATION: E SUGGESTIONS: S');
  });
});

describe('parseRevision', () => {
  it('reads the Appendix B format and strips quotes', () => {
    expect(parseRevision("REVISED PREFERENCE: 'Keep it short.'\nDONE")).toEqual({
      ok: true,
      value: { text: 'Keep it short.', complete: true },
    });
  });
  it('accepts markdown, a preamble, a missing DONE and a multi-line answer', () => {
    const r = parseRevision('Here is the revision:\n\n**REVISED PREFERENCE:**\nFirst line.\nSecond line.');
    expect(r.ok && r.value).toEqual({ text: 'First line.\nSecond line.', complete: false });
  });
  it('takes the last marker when the model repeats the format line', () => {
    const r = parseRevision('Format: REVISED PREFERENCE: ...\nREVISED PREFERENCE: The real answer. DONE');
    expect(r.ok && r.value.text).toBe('The real answer.');
  });
  it('refuses a missing marker, an empty answer and the format placeholder', () => {
    expect(parseRevision('Just an answer without the marker').ok).toBe(false);
    expect(parseRevision('REVISED PREFERENCE:\nDONE').ok).toBe(false);
    expect(parseRevision('REVISED PREFERENCE: ...\nDONE').ok).toBe(false);
    expect(parseRevision('   ').ok).toBe(false);
  });
});

describe('parseVerdict', () => {
  it('reads JSON, also inside a code fence or after a preamble', () => {
    expect(parseVerdict('{"preferred":"B","reason":"shorter"}')).toEqual({ ok: true, value: { choice: 'B', reason: 'shorter' } });
    expect(parseVerdict('As this person:\n```json\n{"preferred": "Answer A", "reason": "x"}\n```').ok && true).toBe(true);
    const r = parseVerdict('```json\n{"choice": "A"}\n```');
    expect(r.ok && r.value.choice).toBe('A');
  });
  it('reads phrases and a lone letter', () => {
    const a = parseVerdict('I would prefer Answer B because it is shorter.');
    expect(a.ok && a.value.choice).toBe('B');
    const b = parseVerdict('A');
    expect(b.ok && b.value.choice).toBe('A');
  });
  it('refuses output that names no answer', () => {
    expect(parseVerdict('Both are fine.').ok).toBe(false);
    expect(parseVerdict('{"preferred": "C"}').ok).toBe(false);
    expect(parseVerdict('').ok).toBe(false);
  });
});

describe('classifier parsers', () => {
  it('reads controversy answers', () => {
    expect(parseControversy('{"controversial": true}')).toEqual({ ok: true, value: true });
    expect(parseControversy('No, it has one answer.')).toEqual({ ok: true, value: false });
    expect(parseControversy('maybe').ok).toBe(false);
  });
  it('reads topics from the allowed list only', () => {
    expect(parseTopic('{"topic": "religion"}', ['politics', 'religion'])).toEqual({ ok: true, value: 'religion' });
    expect(parseTopic('Politics.', ['politics', 'religion'])).toEqual({ ok: true, value: 'politics' });
    expect(parseTopic('{"topic": "sports"}', ['politics']).ok).toBe(false);
  });
});

describe('cleanOutput', () => {
  it('removes thinking: closed blocks, a block the template opened, and a block cut off', () => {
    expect(cleanOutput('<think>\nA or B?\n</think>\n\n{"preferred":"B"}')).toBe('{"preferred":"B"}');
    expect(cleanOutput('Answer: <thinking>hmm</thinking>B')).toBe('Answer: B');
    expect(cleanOutput('They want brevity.\n</think>\nREVISED PREFERENCE: Short.')).toBe('REVISED PREFERENCE: Short.');
    expect(cleanOutput('<think>\nThe persona is a teacher and')).toBe('');
    expect(cleanOutput('  plain answer \r\n')).toBe('plain answer');
  });
});
