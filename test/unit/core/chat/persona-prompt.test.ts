import { describe, expect, it } from 'vitest';
import { optionFromPersona } from '../../../../src/core/chat/persona-option';
import { personaLabel } from '../../../../src/core/personas/label';
import { fillTemplate, personaSystemPrompt, roleplayMessages, ROLEPLAY_TEMPLATE } from '../../../../src/core/chat/persona-prompt';
import { EXAMPLE_PERSONAS } from '../../../../src/core/personas/examples';

const c1 = EXAMPLE_PERSONAS.find((p) => p.id === 'paper-c1')!;
const c2 = EXAMPLE_PERSONAS.find((p) => p.id === 'paper-c2')!;

describe('persona prompt', () => {
  it('puts the persona attribute lines, in the paper order and without nulls, into the role-play template', () => {
    const prompt = personaSystemPrompt(c1);
    expect(prompt.startsWith('You are role-playing the person described below.')).toBe(true);
    const persona = prompt.slice(prompt.indexOf('The person:\n') + 'The person:\n'.length);
    const lines = persona.split('\n');
    expect(lines[0]).toBe('age: 73');
    expect(lines[1]).toBe('sex: Female');
    expect(lines).toContain('income: $178,900 a year');
    expect(lines).toContain('ancestry: Filipino');
    expect(lines.some((l) => l.startsWith('industry category'))).toBe(false); // null in the paper
    expect(lines.some((l) => l.startsWith('core values'))).toBe(false);
    expect(lines.indexOf('ideology: Liberal')).toBeGreaterThan(lines.indexOf('lifestyle: Active and outdoorsy'));
    expect(prompt).not.toMatch(/\{persona\}/);
  });

  it('takes free text as written, trimmed, and refuses an empty persona', () => {
    expect(personaSystemPrompt('  A retired fisherman from Maine who distrusts banks.\n')).toMatch(
      /The person:\nA retired fisherman from Maine who distrusts banks\.$/,
    );
    expect(() => personaSystemPrompt('   ')).toThrow(/persona is empty/);
  });

  it('fills named placeholders and names a missing one', () => {
    expect(fillTemplate({ id: 't', text: 'a {x} b {y_z}' }, { x: '1', y_z: '2' })).toBe('a 1 b 2');
    expect(() => fillTemplate({ id: 't1', text: '{missing}' }, {})).toThrow('Template t1 needs a value for {missing}.');
    expect(ROLEPLAY_TEMPLATE.id).toBe('roleplay-v1');
    // one pass: a persona holding replacement patterns or placeholders stays as written
    expect(personaSystemPrompt("Likes $& and $' and {persona} and {field}.")).toMatch(
      /The person:\nLikes \$& and \$' and \{persona\} and \{field\}\.$/,
    );
  });

  it('builds the messages: system prompt first, then non-empty turns in order', () => {
    const messages = roleplayMessages('SYS', [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: '' },
      { role: 'system', content: 'ignored' },
      { role: 'assistant', content: 'hello' },
    ]);
    expect(messages).toEqual([
      { role: 'system', content: 'SYS' },
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
    ]);
  });

  it('labels personas briefly and makes picker options', () => {
    expect(personaLabel(c1)).toBe('Retired, 73, Philippines');
    expect(personaLabel(c2)).toBe('Student, 10, California');
    const option = optionFromPersona(c1, 'Examples', 'example');
    expect(option).toMatchObject({
      id: 'example:paper-c1',
      personaId: 'paper-c1',
      group: 'Examples',
      label: 'Retired, 73, Philippines',
    });
    expect(option.text.split('\n')[0]).toBe('age: 73');
  });
});
