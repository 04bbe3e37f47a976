// The production build (built by `npm test` before the end-to-end tests): the LLM worker has the
// engine hook but the build holds no test double, and web-llm lives only in the worker's chunk.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = 'dist';
const assets = readdirSync(join(dist, 'assets'));
const read = (f: string) => readFileSync(join(dist, 'assets', f), 'utf8');
const js = assets.filter((f) => f.endsWith('.js'));

describe('production build', () => {
  it('has the engine hook in the LLM worker and no scripted engine anywhere', () => {
    const worker = js.filter((f) => /^llm\.worker-.*\.js$/.test(f));
    expect(worker.length).toBe(1);
    expect(read(worker[0]!)).toContain('__personaLabEngineFactory');
    for (const f of [...assets, '../index.html']) {
      const text = read(f);
      expect(text.includes('createScriptedEngine'), f).toBe(false);
      expect(text.includes('chatcmpl-scripted'), f).toBe(false);
    }
  });

  it('keeps web-llm out of every chunk but the worker', () => {
    const entry = /<script type="module"[^>]*src="\/assets\/([^"]+)"/.exec(readFileSync(join(dist, 'index.html'), 'utf8'))?.[1];
    expect(entry).toBeDefined();
    for (const f of js.filter((name) => !name.startsWith('llm.worker-'))) {
      const text = read(f);
      expect(text.includes('binary-mlc-llm-libs'), f).toBe(false);
      expect(text.includes('MLCEngine'), f).toBe(false);
    }
  });
});
