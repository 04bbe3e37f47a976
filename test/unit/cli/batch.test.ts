import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_PERSONAS } from '../../../src/core/personas/examples';
import { defaultPrompts } from '../../../src/core/prompts/default-set';
import { dpfResponder } from '../../doubles/scripted-client';

const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });

/** Answers a request file as vLLM's run-batch writes its output. */
function runBatch(requestsPath: string, outPath: string): void {
  const lines = readFileSync(requestsPath, 'utf8')
    .trim()
    .split('\n')
    .map(
      (l) => JSON.parse(l) as { custom_id: string; body: { model: string; messages: Array<{ role: 'user' | 'system'; content: string }> } },
    );
  const out = lines.map((l, i) =>
    JSON.stringify({
      id: `vllm-${i}`,
      custom_id: l.custom_id,
      error: null,
      response: {
        status_code: 200,
        request_id: `r-${i}`,
        body: {
          id: `c${i}`,
          object: 'chat.completion',
          model: l.body.model,
          choices: [
            { index: 0, message: { role: 'assistant', content: dpfResponder({ messages: l.body.messages }) }, finish_reason: 'stop' },
          ],
          usage: { prompt_tokens: 20, completion_tokens: 8, total_tokens: 28 },
        },
      },
    }),
  );
  writeFileSync(outPath, out.join('\n') + '\n');
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'persona-lab-batch-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli batch export and import', () => {
  it('goes from base answers to judge verdicts through request and output files', () => {
    const personas = join(dir, 'personas.jsonl');
    writeFileSync(
      personas,
      EXAMPLE_PERSONAS.slice(0, 2)
        .map((p) => JSON.stringify(p))
        .join('\n') + '\n',
    );
    const prompts = join(dir, 'prompts.jsonl');
    writeFileSync(
      prompts,
      defaultPrompts()
        .slice(0, 9)
        .map((p) => JSON.stringify({ text: p.text, topic: p.topic }))
        .join('\n') + '\n',
    );
    const out = join(dir, 'out');
    const exportArgs = [
      'batch',
      'export',
      '--model',
      'm',
      '--personas',
      personas,
      '--prompts',
      prompts,
      '--out',
      out,
      '--per-persona',
      '3',
      '--judge',
    ];
    const stages: string[] = [];
    for (let i = 0; i < 6; i++) {
      const e = cli(exportArgs);
      expect(e.status, e.stderr).toBe(0);
      const path = e.stdout.trim();
      if (!path) {
        expect(e.stderr).toMatch(/nothing left to request: 8 of 8 pairs done/);
        break;
      }
      expect(existsSync(path)).toBe(true);
      const manifest = JSON.parse(readFileSync(path.replace('.requests.jsonl', '.manifest.json'), 'utf8'));
      stages.push(Object.keys(manifest.stages).join('+'));
      const first = JSON.parse(readFileSync(path, 'utf8').split('\n')[0]!);
      expect(first).toMatchObject({ method: 'POST', url: '/v1/chat/completions', body: { model: 'm' } });
      const output = join(dir, `output-${i}.jsonl`);
      runBatch(path, output);
      const im = cli(['batch', 'import', output, '--out', out]);
      expect(im.status, im.stderr).toBe(0);
      expect(JSON.parse(im.stdout).files[0].imported).toBe(manifest.count);
    }
    expect(stages).toEqual(['base', 'critique', 'revise', 'judge']);
    const pairs = readFileSync(join(out, 'pairs.jsonl'), 'utf8').trim().split('\n');
    expect(pairs).toHaveLength(8);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run.status).toBe('done');
    expect(run.judge[0].ywWinRate).toBe(1);
    const bad = cli(['batch', 'import', join(dir, 'missing.jsonl'), '--out', out]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/Cannot read the batch output file .*missing\.jsonl/);
  });
});
