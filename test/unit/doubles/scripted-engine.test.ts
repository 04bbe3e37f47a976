// The scripted engine's content rules (test/doubles/scripted-engine.ts), which the end-to-end flows
// use to answer critique, revision, judge and base-answer prompts differently whatever their order.
import { describe, expect, it } from 'vitest';
import { createScriptedEngine, type EngineScript } from '../../doubles/scripted-engine';

async function ask(engine: ReturnType<typeof createScriptedEngine>, ...contents: string[]): Promise<string> {
  const messages = contents.map((content, i) => ({ role: i === 0 && contents.length > 1 ? 'system' : 'user', content }));
  const r = (await engine.chat.completions.create({ messages, stream: false })) as { choices: { message: { content: string } }[] };
  return r.choices[0]!.message.content;
}

const SCRIPT: EngineScript = {
  replies: ['fallback'],
  rules: [
    { match: '^Examine', replies: ['garbled', 'EVALUATION: fine. SUGGESTIONS: none. DONE'] },
    { match: '^age: (\\d+)$[^]*asked: "([^"]*)"', flags: 'm', replies: ['$2 at $1$3'] },
  ],
};

describe('scripted engine rules', () => {
  it('answers by content: first matching rule, its replies in turn, groups substituted, the rest falls back', async () => {
    const engine = createScriptedEngine(SCRIPT);
    await engine.reload('m');
    expect(await ask(engine, 'Examine this')).toBe('garbled');
    expect(await ask(engine, 'What now?')).toBe('fallback');
    expect(await ask(engine, 'Examine that')).toBe('EVALUATION: fine. SUGGESTIONS: none. DONE');
    expect(await ask(engine, 'Examine again')).toBe('EVALUATION: fine. SUGGESTIONS: none. DONE');
    // Matched over the system and user messages joined; an unmatched group gives "".
    expect(await ask(engine, 'PERSON:\nage: 42\nsex: Female', 'This person asked: "Why?"')).toBe('Why? at 42');
    expect(engine.log.requests).toHaveLength(5);
  });

  it('keeps working from its source text, as the end-to-end helper sends it into the worker', async () => {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the point: rebuilt from its source text alone
    const create = new Function(`return ${createScriptedEngine.toString()}`)() as typeof createScriptedEngine;
    const engine = create(JSON.parse(JSON.stringify(SCRIPT)) as EngineScript);
    await engine.reload('m');
    expect(await ask(engine, 'Examine')).toBe('garbled');
  });

  it('hold() stops every answer, so a log read after it stays complete', async () => {
    const engine = createScriptedEngine(SCRIPT);
    await engine.reload('m');
    expect(await ask(engine, 'What now?')).toBe('fallback');
    engine.hold();
    let answered = false;
    void ask(engine, 'What next?').then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    expect(engine.log.requests).toHaveLength(2); // the held call is logged, never answered
  });
});
