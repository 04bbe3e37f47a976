import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectAnswers } from '../../../../src/core/annotation/classroom';
import { readDemoBundle } from '../../../../src/core/demo/bundle';
import { FileProblemsError } from '../../../../src/core/records/problems';

const text = readFileSync(new URL('../../../../public/demo/persona-lab-demo.json', import.meta.url), 'utf8');

describe('the demo bundle', () => {
  it('holds a finished run with two judges, its label set, and a kit whose answer files all fit it', () => {
    const b = readDemoBundle('persona-lab-demo.json', text);
    expect(b.personaSet.personas).toHaveLength(8);
    expect(b.run.status).toBe('done');
    expect(b.run.config.judges.map((j) => j.model.model)).toEqual(['demo-judge-persona', 'demo-judge-position']);
    const pairs = b.items.filter((i) => i.kind === 'pair');
    expect(pairs).toHaveLength(b.run.manifest.plan.pairs);
    expect(pairs.every((i) => i.status === 'done')).toBe(true);
    expect(b.labels.raters).toHaveLength(4);
    const ids = new Set(pairs.map((i) => i.id));
    expect(b.kit.items.every((it) => ids.has(it.pairId))).toBe(true);
    const imported = collectAnswers(b.kit, b.answerFiles);
    expect(imported.rejected).toEqual([]);
    expect(imported.answers).toHaveLength(4 * b.kit.items.length);
  });

  it('refuses a bundle of another format, naming the field', () => {
    expect(() => readDemoBundle('x.json', JSON.stringify({ format: 'other', version: 1 }))).toThrow(FileProblemsError);
    expect(() => readDemoBundle('x.json', '{')).toThrow(/x\.json/);
  });
});
