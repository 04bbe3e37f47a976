import { describe, expect, it } from 'vitest';
import { conversationToJson, conversationToMarkdown, exportFileName, type Conversation } from '../../../../src/core/chat/conversation';

const c: Conversation = {
  id: 'c1',
  title: '73, Female, Retired, Philippines: What do you grow?',
  createdAt: Date.UTC(2025, 0, 2, 3, 4, 5),
  updatedAt: Date.UTC(2025, 0, 2, 3, 5, 0),
  persona: { id: 'example:paper-c1', label: '73, Female, Retired, Philippines', text: 'age: 73\nsex: Female' },
  templateId: 'roleplay-v1',
  systemPrompt: 'SYS',
  backend: 'webllm',
  model: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
  sampling: { temperature: 0.8, top_p: 0.95, max_tokens: 512, seed: 7 },
  turns: [
    { role: 'user', content: 'What do you grow?', at: 1 },
    {
      role: 'assistant',
      content: 'Tomatoes,\nand roses.',
      at: 2,
      finishReason: 'stop',
      usage: { promptTokens: 50, completionTokens: 6, decodeTokensPerSecond: 21.44 },
    },
    { role: 'user', content: 'Tell me more.', at: 3 },
    { role: 'assistant', content: 'Well', at: 4, finishReason: 'abort' },
  ],
};

describe('conversation export', () => {
  it('writes JSON with a format tag and the whole record', () => {
    const json = JSON.parse(conversationToJson(c));
    expect(json).toEqual({ format: 'persona-lab-conversation', version: 1, ...JSON.parse(JSON.stringify(c)) });
  });

  it('writes Markdown with the persona quoted, the settings and notes per reply', () => {
    const md = conversationToMarkdown(c);
    expect(md).toContain('# 73, Female, Retired, Philippines: What do you grow?');
    expect(md).toContain('- Model: Llama-3.2-1B-Instruct-q4f32_1-MLC (webllm)');
    expect(md).toContain('- Sampling: temperature 0.8, top_p 0.95, max_tokens 512, seed 7');
    expect(md).toContain('- Started: 2025-01-02T03:04:05.000Z');
    expect(md).toContain('> age: 73\n> sex: Female');
    expect(md).toContain('**Persona** _(21.4 tokens/s)_\n\nTomatoes,\nand roses.');
    expect(md).toContain('**Persona** _(stopped)_\n\nWell');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('keeps every link in the Markdown inert: replies, persona, title and model name', () => {
    const evil =
      '[click me](javascript:alert(1)) ![x](data:text/html;base64,PHNjcmlwdD4=) <javascript:alert(2)> <a href="javascript:x">y</a>';
    const md = conversationToMarkdown({
      ...c,
      title: '[t](javascript:1)',
      model: '<img src=x onerror=alert(1)>',
      persona: { ...c.persona, text: '[p](data:text/html,x)' },
      turns: [{ role: 'assistant', content: evil, at: 1, error: '[e](javascript:2)' }],
    });
    // No bracket or angle bracket is left unescaped, so no link, image, autolink or HTML can form.
    expect(md.replace(/\\[\\[\]<]/g, '')).not.toMatch(/[[\]<]/);
    expect(md).toContain('\\[click me\\](javascript:alert(1))');
    expect(md).toContain('# \\[t\\](javascript:1)');
  });

  it('makes a safe file name', () => {
    expect(exportFileName(c, 'md')).toBe('73-female-retired-philippines-what-do-you-grow.md');
    expect(exportFileName({ ...c, title: '???' }, 'json')).toBe('conversation.json');
  });
});
