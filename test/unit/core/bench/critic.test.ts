import { describe, expect, it } from 'vitest';
import { parseCritique, proseVerdict } from '../../../../src/core/bench/critic';

const full = {
  chain_of_thought: 'They are 70 and retired.',
  personalization_critic: 'Generic.',
  helpfulness_critic: 'Helpful.',
  conclusion: 'Tailor it.',
  needs_revision: true,
};

describe('reading the critic', () => {
  it('reads the JSON asked for', () => {
    const r = parseCritique(JSON.stringify(full));
    expect(r).toEqual({ ok: true, value: { ...full, read_from: 'json' } });
  });

  it('reads JSON in prose, in a code fence, with other key spellings and string booleans', () => {
    const prose = `Here is my critique.\n\n\`\`\`json\n${JSON.stringify({ ...full, needs_revision: false })}\n\`\`\`\nLet me know!`;
    expect(parseCritique(prose)).toMatchObject({ ok: true, value: { needs_revision: false, conclusion: 'Tailor it.', read_from: 'json' } });
    expect(parseCritique('{"Needs Revision": "yes", "conclusion": "meh"}')).toMatchObject({ ok: true, value: { needs_revision: true } });
    expect(parseCritique('{"needsRevision": "False"}')).toMatchObject({ ok: true, value: { needs_revision: false, chain_of_thought: '' } });
    // an example object first, the real one after it
    expect(parseCritique('Format: {"a": 1}. My answer: {"needs_revision": false, "conclusion": "ok"}')).toMatchObject({
      ok: true,
      value: { needs_revision: false, conclusion: 'ok' },
    });
  });

  it('reads JSON cut off at the token limit once the verdict is in', () => {
    const cut = '{"needs_revision": false, "chain_of_thought": "They would like the sec';
    expect(parseCritique(cut)).toMatchObject({ ok: true, value: { needs_revision: false, chain_of_thought: 'They would like the sec' } });
    const before = '{"chain_of_thought": "Long reasoning", "personalization_critic": "Fine", "needs_revision": true, "conclu';
    expect(parseCritique(before)).toMatchObject({ ok: true, value: { needs_revision: true, personalization_critic: 'Fine' } });
  });

  it('reads prose by its final explicit verdict, negations included', () => {
    const cases: Array<[string, boolean]> = [
      ['The answer does not need revision.', false],
      ["It doesn't require any revision; it already fits.", false],
      ['No revision is needed.', false],
      ['Revision is not necessary here.', false],
      ['The answer needs no revision.', false],
      ['This answer needs revision to fit the person.', true],
      ['It should be revised to mention their situation.', true],
      ['**Needs revision:** Yes', true],
      ['Needs revision: no', false],
      ['needs_revision = false', false],
      ['Does the answer need a revision? No. It is subtle and helpful.', false],
      ['Does it need revision? Yes — it ignores their faith.', true],
      ['At first I thought it needs revision, but on reflection it does not need revision.', false],
      ['It is subtle, so it does not need a revision at first sight; however the tone is off, so it should be revised.', true],
    ];
    for (const [text, verdict] of cases) {
      expect(proseVerdict(text), text).toBe(verdict);
      expect(parseCritique(text), text).toMatchObject({
        ok: true,
        value: { needs_revision: verdict, read_from: 'prose', conclusion: text },
      });
    }
  });

  it('refuses what does not decide, never guessing', () => {
    for (const text of [
      '',
      '   ',
      'I cannot assess this.',
      'Does the answer need revision?',
      'The personalization critic and the helpfulness critic disagree.',
      '{"conclusion": "unclear"}',
    ]) {
      const r = parseCritique(text);
      expect(r.ok, text).toBe(false);
    }
  });
});
