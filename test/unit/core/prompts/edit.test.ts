import { describe, expect, it } from 'vitest';
import { addPrompt, editPrompt, promptsJsonl, removePrompt, searchPrompts } from '../../../../src/core/prompts/edit';
import { readPromptFile } from '../../../../src/core/prompts/importers';
import { promptId, type PromptItem } from '../../../../src/core/prompts/types';

const p = (text: string, topic = 'work', split: PromptItem['split'] = 'train'): PromptItem => ({ id: promptId(text), text, topic, split });
const set = [p('Should I ask for a raise this year?'), p('Is it fine to eat meat?', 'ethics', 'heldout'), p('Should I quit my job?')];

describe('prompt set edits', () => {
  it('searches every word, ignoring case and spacing, within a topic when asked', () => {
    expect(searchPrompts(set, '  SHOULD   i ').map((x) => x.text)).toHaveLength(2);
    expect(searchPrompts(set, 'meat').map((x) => x.topic)).toEqual(['ethics']);
    expect(searchPrompts(set, 'should', 'ethics')).toEqual([]);
    expect(searchPrompts(set, '')).toHaveLength(3);
  });
  it('adds a prompt with the keyword topic by default and refuses empty and duplicate ones', () => {
    const r = addPrompt(set, { text: ' How do I handle conflict in a team environment? ' });
    expect(r.ok && r.prompts.at(-1)).toEqual({
      id: promptId('How do I handle conflict in a team environment?'),
      text: 'How do I handle conflict in a team environment?',
      topic: 'work',
      split: 'train',
    });
    expect(addPrompt(set, { text: '  ' })).toEqual({ ok: false, error: 'The prompt is empty.' });
    const dup = addPrompt(set, { text: 'should i QUIT my job?' });
    expect(dup.ok).toBe(false);
    expect(!dup.ok && dup.error).toMatch(/already has this prompt/);
  });
  it('edits a prompt: a new text gets a new id, a topic or split change keeps it; duplicates are refused', () => {
    const id = set[0]!.id;
    const moved = editPrompt(set, id, { text: set[0]!.text, split: 'heldout', topic: 'money' });
    expect(moved.ok && moved.prompts[0]).toEqual({ ...set[0], split: 'heldout', topic: 'money' });
    const renamed = editPrompt(set, id, { text: 'Should I ask for a raise next year?' });
    expect(renamed.ok && renamed.prompts[0]!.id).toBe(promptId('Should I ask for a raise next year?'));
    expect(renamed.ok && renamed.prompts[0]!.topic).toBe('work'); // the old topic stays unless changed
    expect(editPrompt(set, id, { text: 'Should I quit my job?' }).ok).toBe(false);
    expect(editPrompt(set, 'nope', { text: 'x' }).ok).toBe(false);
    expect(removePrompt(set, id).map((x) => x.id)).toEqual([set[1]!.id, set[2]!.id]);
  });
  it('exports JSONL that the importer reads back to the same prompts', async () => {
    const text = promptsJsonl(set);
    expect(text.trim().split('\n')).toHaveLength(3);
    const back = await readPromptFile(new TextEncoder().encode(text), 'set.jsonl');
    expect(back.prompts).toEqual(set);
  });
});
