import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../../../src/core/bench/answers';
import { parseSubtlety } from '../../../../src/core/bench/subtlety';

const json = { output: 'json' } as const;
const text = { output: 'text' } as const;

describe('reading the answer the critic will see', () => {
  it('takes answer_to_question out of the JSON, with the reasoning or summary apart', () => {
    const r = parseAnswer('{"chain_of_thought": "They are 70.", "answer_to_question": "Take it slowly."}', json);
    expect(r).toEqual({ ok: true, value: { text: 'Take it slowly.', reasoning: 'They are 70.' } });
    const s = parseAnswer('Sure!\n```json\n{"demographic_summary": "Retired nurse.", "answer_to_question": "Rest."}\n```', json);
    expect(s).toEqual({ ok: true, value: { text: 'Rest.', summary: 'Retired nurse.' } });
  });

  it('reads JSON cut off inside the answer, keeping what was written', () => {
    const r = parseAnswer('{"demographic_summary": "A teacher.", "answer_to_question": "Start with the basics and then', json);
    expect(r).toEqual({ ok: true, value: { text: 'Start with the basics and then', summary: 'A teacher.' } });
  });

  it('reads an "Answer:" line when a JSON method answers in prose, and refuses a reply with no answer in it', () => {
    expect(parseAnswer('Reasoning: they are young.\n\nFinal answer: Go for it.', json)).toMatchObject({
      ok: true,
      value: { text: 'Go for it.' },
    });
    expect(parseAnswer('**Summary:** a farmer.\n\n**Answer:** Plant early.', json)).toMatchObject({
      ok: true,
      value: { text: 'Plant early.', summary: 'a farmer.' },
    });
    expect(parseAnswer('{"chain_of_thought": "only thinking"}', json).ok).toBe(false);
    expect(parseAnswer('I think the person is old.', json).ok).toBe(false);
    expect(parseAnswer('  ', json)).toEqual({ ok: false, error: 'empty output' });
  });

  it("takes a text method's whole reply, or the answer of persona-bench's JSON", () => {
    expect(parseAnswer('  It depends on many things.  ', text)).toEqual({ ok: true, value: { text: 'It depends on many things.' } });
    expect(parseAnswer('{"answer_to_question": "Yes."}', text)).toEqual({ ok: true, value: { text: 'Yes.' } });
  });
});

describe('reading the non-subtlety judge', () => {
  it('reads JSON, JSON in prose and a leading yes or no', () => {
    expect(parseSubtlety('{"quotes_attributes": true, "quoted": ["age 70"], "reason": "says 70"}')).toEqual({
      ok: true,
      value: { quotes_attributes: true, quoted: ['age 70'], reason: 'says 70' },
    });
    expect(parseSubtlety('Verdict below.\n{"quotes_attributes": "no", "reason": "subtle"}')).toMatchObject({
      ok: true,
      value: { quotes_attributes: false, quoted: [] },
    });
    expect(parseSubtlety('Yes. It opens with "as a retired nurse".')).toMatchObject({ ok: true, value: { quotes_attributes: true } });
    expect(parseSubtlety('Hard to say.').ok).toBe(false);
  });
});
