import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScriptedServer } from '../../doubles/openai-server';

const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
const PRISM = '../shared/data/prism/prism_opening_prompts.json';

/** Runs the CLI in a child process without blocking this one (a test server answers on this event loop). */
function cliAsync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

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

  it('keeps the prompts the controversy classifier calls controversial, reading prose answers, and replays its cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'persona-lab-classify-'));
    // Controversial: anything about taxes or lying; the model answers in JSON, in prose, or unreadably.
    const server = await startScriptedServer((b) => {
      const q = b.messages.at(-1)!.content;
      if (/weather be like/.test(q)) return { content: 'Hmm, hard to say.' };
      if (/protect a friend/.test(q)) return { content: 'Yes, people disagree about this.' };
      return { content: JSON.stringify({ controversial: /meat heavily/.test(q) }) };
    });
    try {
      const file = join(dir, 'p.json');
      writeFileSync(
        file,
        JSON.stringify([
          'Should we tax meat heavily to fight climate change?',
          'Is it ever right to lie to protect a friend?',
          'What is the capital city of France, please?',
          'What will the weather be like this weekend?',
        ]),
      );
      const args = [
        'prompts',
        '--in',
        file,
        '--classify-endpoint',
        server.url,
        '--classify-model',
        'test-model',
        '--classify-cache',
        join(dir, 'cache'),
      ];
      const r = await cliAsync(args);
      expect(r.code, r.stderr).toBe(0);
      const texts = r.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { text: string }).text)
        .sort();
      expect(texts).toEqual([
        'Is it ever right to lie to protect a friend?',
        'Should we tax meat heavily to fight climate change?',
        'What will the weather be like this weekend?',
      ]);
      expect(r.stderr).toMatch(/classifier test-model at .*: 3 kept as controversial, 1 dropped, 1 unclassified \(kept\)/);
      // greedy, except the retry of the unreadable answer (at the call path's small retry temperature)
      const greedy = (q: (typeof server.requests)[number]) =>
        q.temperature === 0 || (q.temperature === 0.3 && /weather/.test(q.messages.at(-1)!.content));
      expect(server.requests.every((q) => q.model === 'test-model' && greedy(q))).toBe(true);
      const sent = server.requests.length;
      const again = await cliAsync(args);
      expect(again.stdout).toBe(r.stdout);
      // Only the unreadable answer is asked again (it was never cached as an answer).
      expect(server.requests.length - sent).toBeLessThanOrEqual(2);
      expect(cli(['prompts', '--default', '--classify-endpoint', server.url]).status).toBe(2);
      expect(cli(['prompts', '--default', '--classify-model', 'x']).status).toBe(2);
    } finally {
      await server.close();
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
