import { describe, expect, it } from 'vitest';
import { methodTemplateFromFile, readTemplateFile } from '../../../../src/core/bench/template-file';
import { renderTemplate, templateVersion } from '../../../../src/core/pipeline/templates';
import { templateValues } from '../../../../src/core/bench/template-file';
import { METHOD_TEMPLATES } from '../../../../src/core/bench/methods';

describe('template files', () => {
  it("reads persona-bench's own prompts ({demographic}, {prompt}) as a method template", () => {
    const file = JSON.stringify({
      system: 'Answer for the demographic.\n[Demographic]: {persona}\nFormat: {"chain_of_thought": "...", "answer_to_question": "..."}',
      user: '{prompt}',
    });
    const t = methodTemplateFromFile(file, 'cot.json', 'cot');
    expect(t.output).toBe('json');
    expect(t.template.id).toBe('bench-cot-custom');
    const messages = renderTemplate(t.template, templateValues({ persona: 'age: 40', question: 'Why?' }));
    expect(messages).toEqual([
      {
        role: 'system',
        content: 'Answer for the demographic.\n[Demographic]: age: 40\nFormat: {"chain_of_thought": "...", "answer_to_question": "..."}',
      },
      { role: 'user', content: 'Why?' },
    ]);
    expect(templateVersion(t.template)).not.toBe(templateVersion(METHOD_TEMPLATES.cot.template));
    const critic = readTemplateFile(
      '{"user": "[Task]: {question} [Submission]: {answer} [Demographic]: {demographic}"}',
      'c.json',
      'critic',
    );
    expect(critic.placeholders).toEqual(['question', 'answer', 'demographic']);
  });

  it('names the file and what is wrong', () => {
    expect(() => readTemplateFile('{', 'a.json', 'persona')).toThrow(/^a\.json: not JSON/);
    expect(() => readTemplateFile('[]', 'a.json', 'persona')).toThrow(/a\.json: expected an object/);
    expect(() => readTemplateFile('{"user": ""}', 'a.json', 'persona')).toThrow(/field "user" must be a non-empty string/);
    expect(() => readTemplateFile('{"user": "{question}", "temperature": 1}', 'a.json', 'persona')).toThrow(/unknown field "temperature"/);
    expect(() => readTemplateFile('{"user": "Tell me"}', 'a.json', 'baseline')).toThrow(/never uses \{question\}/);
    expect(() => readTemplateFile('{"system": "{persona}", "user": "{question}"}', 'b.json', 'baseline')).toThrow(
      /baseline must not show the persona/,
    );
    expect(() => readTemplateFile('{"user": "{question}"}', 'p.json', 'summary')).toThrow(/summary method shows the persona/);
    expect(() => readTemplateFile('{"user": "{question} {persona}"}', 'c.json', 'critic')).toThrow(/never uses \{answer\}/);
    expect(() => readTemplateFile('{"user": "{question}", "output": "xml"}', 'a.json', 'baseline')).toThrow(
      /"output" must be "json" or "text"/,
    );
  });
});
