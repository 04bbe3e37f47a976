// The production build (built by `npm test` before the end-to-end tests): the LLM worker has the
// engine hook but the build holds no test double, and web-llm lives only in the worker's chunk.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = 'dist';
const assets = readdirSync(join(dist, 'assets'));
const read = (f: string) => readFileSync(join(dist, 'assets', f), 'utf8');
const js = assets.filter((f) => f.endsWith('.js'));

/** Every file under dist/, as paths relative to it. */
const everyFile = (readdirSync(dist, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
  .filter((d) => d.isFile())
  .map((d) => join(d.parentPath, d.name));

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

  it('holds the 4.5 MB census model once: the Census page gets its figures from the compute worker', () => {
    // The first numbers of the model's age table (its AGEP root level) stand for the whole model: they appear
    // wherever the model's JSON was bundled.
    const model = JSON.parse(readFileSync('src/core/census/data/default-model.json', 'utf8')) as {
      nodes: { AGEP: { levels: number[][] } };
    };
    const marker = model.nodes.AGEP.levels[0]!.slice(0, 24).join(',');
    expect(marker.split(',').length).toBe(24);
    const holders = everyFile.filter((f) => readFileSync(f, 'utf8').includes(marker));
    expect(holders.map((f) => f.replace(/-[\w-]{8}\.js$/, '.js'))).toEqual([join(dist, 'assets', 'default-model.js')]);
  });
});
