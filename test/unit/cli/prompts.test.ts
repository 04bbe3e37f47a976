import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
const PRISM = '../shared/data/prism/prism_opening_prompts.json';

describe('cli prompts', () => {
  it('filters and splits a CSV into prompts.jsonl on stdout, the report on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'persona-lab-prompts-'));
    try {
      const file = join(dir, 'p.csv');
      writeFileSync(
        file,
        'prompt\nHello\n"Is it ever right to lie, and when?"\n"Should we tax meat heavily?"\n"Should we tax meat heavily?"\nShort one?\n',
      );
      const r = cli(['prompts', '--in', file, '--heldout-fraction', '0.5']);
      expect(r.status).toBe(0);
      const lines = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => l.text)).toEqual(['Is it ever right to lie, and when?', 'Should we tax meat heavily?']);
      expect(lines.map((l) => l.split).sort()).toEqual(['heldout', 'train']);
      expect(r.stderr).toMatch(/^prompts: 5 read, 2 kept \(dropped: 1 no-question-mark, 1 duplicate, 1 too-short\)/);
      expect(cli(['prompts', '--in', join(dir, 'nope.csv')]).stderr).toMatch(/Cannot read the prompt file .*nope\.csv: it does not exist/);
      expect(cli(['prompts', '--seed', 'x', '--default']).status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync(PRISM))(`reports how many of PRISM's prompts survive the rule filters (${PRISM})`, () => {
    const r = cli(['prompts', '--in', PRISM]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /8011 read, 4606 kept \(dropped: 3004 no-question-mark, 355 too-short, 46 duplicate\); 3572 train, 1034 held out/,
    );
    expect(r.stdout.trim().split('\n')).toHaveLength(4606);
  });
});
