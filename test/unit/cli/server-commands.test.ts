/**
 * `personas --review-endpoint` and `prompts --classify-endpoint` talk to their server as `run` does
 * (the same --request-timeout, --retries and --api-key, said the same way, ending through the same
 * exit codes); `prompts` and `rouge` read their numbers and choices with run's messages.
 */
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startScriptedServer } from '../../doubles/openai-server';
import { cli } from './cli-process';

const dir = mkdtempSync(join(tmpdir(), 'persona-lab-server-commands-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An address where nothing listens (a port just let go). */
async function deadUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}/v1`;
}

const review = (url: string, more: string[] = []) => ['personas', '--count', '5', '--review-endpoint', url, '--review-model', 'm', ...more];
const classify = (url: string, more: string[] = []) => [
  'prompts',
  '--default',
  '--classify-endpoint',
  url,
  '--classify-model',
  'm',
  ...more,
];

describe('server options of personas and prompts', () => {
  it.each([
    ['personas', review],
    ['prompts', classify],
  ] as const)('%s: a bad server option exits 2 with run’s message, and nothing on stdout', async (_name, args) => {
    const url = 'http://127.0.0.1:9/v1';
    for (const [flag, value, message] of [
      ['--retries', 'many', '--retries must be a whole number from 0 to 20, got "many".'],
      ['--request-timeout', '0', '--request-timeout must be a number of seconds > 0, got "0".'],
    ] as const) {
      const r = await cli(args(url, [flag, value]));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
    }
  });

  it('refuses server options without the endpoint they are for', async () => {
    const p = await cli(['personas', '--count', '5', '--retries', '2']);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('--retries needs --review-endpoint <URL>.');
    const q = await cli(['prompts', '--default', '--api-key', 'k', '--request-timeout', '5']);
    expect(q.code).toBe(2);
    expect(q.stderr).toContain('--request-timeout, --api-key need --classify-endpoint <URL>.');
  });

  it.each([
    ['personas', review, 'the review could not use', /stopped \(0 of 5 personas done\)/],
    ['prompts', classify, 'the classifier could not reach', /stopped \(0 of \d+ prompts done\)/],
  ] as const)('%s: an unreachable server exits 1 naming it, through run’s end report', async (_name, args, what, end) => {
    const url = await deadUrl();
    const r = await cli(args(url, ['--retries', '1']));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${what} ${url}`);
    expect(r.stderr).toMatch(end);
    expect(r.stderr).toMatch(/Could not reach 127\.0\.0\.1/);
    expect(r.stderr).toMatch(/trying again in \d+\.\d s \(retry 1 of 1\)/); // the transport retry, said as run says it
    expect(r.stderr).toMatch(/nothing was written: fix the cause and run the same command again/);
  });

  it('sends --api-key (or OPENAI_API_KEY) as a bearer token and retries a 503 as often as --retries allows', async () => {
    const server = await startScriptedServer(
      (b) => ({ content: /controversial/i.test(JSON.stringify(b.messages)) ? '{"controversial": true}' : 'PLAUSIBLE\nFine.' }),
      {},
      { faults: { serverError: { count: 1, status: 503 } } },
    );
    try {
      const p = await cli(review(server.url, ['--api-key', 'sk-flag', '--retries', '1']));
      expect(p.code, p.stderr).toBe(0);
      expect(p.stderr).toMatch(/retry 1 of 1/);
      expect(p.stdout.trim().split('\n')).toHaveLength(5);
      expect(new Set(server.authorizations)).toEqual(new Set(['Bearer sk-flag']));
      const before = server.authorizations.length;
      const q = await cli(classify(server.url), { env: { OPENAI_API_KEY: 'sk-env' } });
      expect(q.code, q.stderr).toBe(0);
      expect(new Set(server.authorizations.slice(before))).toEqual(new Set(['Bearer sk-env']));
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('numeric and choice options of prompts and rouge', () => {
  it.each([
    [['prompts', '--default', '--min-words', 'two'], '--min-words must be a whole number ≥ 1, got "two".'],
    [['prompts', '--default', '--min-words', '0'], '--min-words must be a whole number ≥ 1, got "0".'],
    [['prompts', '--default', '--seed', '1.5'], '--seed must be a whole number ≥ 0, got "1.5".'],
    [['rouge', '--input', 'x.jsonl', '--metric', 'rouge3'], '--metric must be one of rouge1, rouge2, rougeL, got "rouge3".'],
  ])('%j exits 2: %s', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('rouge still scores with a good metric', async () => {
    const input = join(dir, 'r.jsonl');
    writeFileSync(input, JSON.stringify({ id: 1, prediction: 'a b', references: ['a b'] }) + '\n');
    const r = await cli(['rouge', '--input', input, '--metric', 'rouge2']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ id: 1, precision: 1, recall: 1, f1: 1 });
  });
});
