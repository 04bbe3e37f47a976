import { describe, expect, it } from 'vitest';
import {
  CRITIQUE_TEMPLATE,
  REVISION_TEMPLATE,
  fill,
  renderTemplate,
  templateVersion,
  templateVersions,
} from '../../../../src/core/pipeline/templates';

// PERSONA (Castricato et al.), Appendix B, as printed: Python f-strings of adjacent literals.
const PAPER_CRITIQUE = [
  "Examine the COMPLETION: '{preference}' in relation ",
  "to the DEMOGRAPHIC: '{persona}' and the INSTRUCTION: ",
  "'{instruction}'. ",
  'Put yourself in the shoes of DEMOGRAPHIC. ',
  'The demographic prefers short answers. ',
  ' If you give a long suggestion, they will hate it. ',
  'Identify the ways the completion both does and does not resonate with the demographic. ',
  'Provide a concise explanation, quoting directly from the demographic and completion to illustrate your evaluation. ',
  'Think step by step about how you will make the response shorter or the same length before providing your evaluation and suggestions. ',
  'Similarly, make sure that the response given is still relevant to the INSTRUCTION.',
  'Format: EVALUATION: ... SUGGESTIONS: ... \nDONE',
].join('');
const PAPER_REVISION = [
  "Revise the COMPLETION: '{preference}', ",
  'with respect to INSTRUCTION: ',
  "'{instruction}' based on the CRITIQUE: '{critique}'. ",
  'Provide a revision of the completion, do not make ANY ',
  'references to the exact preferences or attributes ',
  'of the demographic. ',
  'Remain subtle and indirect in your revision. ',
  'Make sure your response has less tokens than the original completion. ',
  'If you make it longer you are a BAD CHATGPT. ',
  'Format: REVISED PREFERENCE: ...\nDONE',
].join('');

describe('templates', () => {
  it('keeps the Appendix B prompts verbatim', () => {
    expect(CRITIQUE_TEMPLATE.user).toBe(PAPER_CRITIQUE);
    expect(REVISION_TEMPLATE.user).toBe(PAPER_REVISION);
    expect(CRITIQUE_TEMPLATE.system).toBeUndefined();
  });

  it('fills placeholders once, so values containing braces are not expanded', () => {
    const m = renderTemplate(REVISION_TEMPLATE, { preference: 'y {critique}', instruction: 'x?', critique: 'C' });
    expect(m).toHaveLength(1);
    expect(
      m[0]?.content.startsWith("Revise the COMPLETION: 'y {critique}', with respect to INSTRUCTION: 'x?' based on the CRITIQUE: 'C'."),
    ).toBe(true);
    expect(() => fill('{a}', {}, ['a'])).toThrow(/"a" is missing/);
    // replacement patterns in values are text, not patterns
    expect(fill('x {a} y', { a: "$& $' $` $1" }, ['a'])).toBe("x $& $' $` $1 y");
  });

  it('versions templates by a hash of their text', () => {
    const v = templateVersion(CRITIQUE_TEMPLATE);
    expect(v).toMatch(/^dpf-critique@[0-9a-f]{16}$/);
    expect(templateVersion({ ...CRITIQUE_TEMPLATE, user: CRITIQUE_TEMPLATE.user + ' ' })).not.toBe(v);
    expect(templateVersions()['dpf-critique']).toBe(v);
    expect(Object.keys(templateVersions()).sort()).toEqual([
      'base-answer',
      'controversy-classifier',
      'dpf-critique',
      'dpf-revision',
      'persona-judge',
      'topic-classifier',
    ]);
  });
});
