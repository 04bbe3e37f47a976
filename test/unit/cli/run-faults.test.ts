// `run` against a server that misbehaves as real ones do (test/doubles/openai-server.ts faults):
// hangs, resets, 429 with Retry-After, 5xx, 401, 404, a server that dies mid-run or is not there.
// Each case checks the pairs, the exit code and what stderr says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_PERSONAS } from '../../../src/core/personas/examples';
import { defaultPrompts } from '../../../src/core/prompts/default-set';
import { startScriptedServer, type ChatBody, type ServerFaults } from '../../doubles/openai-server';
import { dpfResponder, templateOf } from '../../doubles/scripted-client';
import { cli } from './cli-process';

let dir = '';
let personas = '';
let prompts = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'persona-lab-faults-'));
  personas = join(dir, 'personas.jsonl');
  writeFileSync(
    personas,
    EXAMPLE_PERSONAS.slice(0, 2)
      .map((p) => JSON.stringify(p))
      .join('\n') + '\n',
  );
  prompts = join(dir, 'prompts.jsonl');
  const list = defaultPrompts()
    .filter((_, i) => i % 40 === 0)
    .slice(0, 6);
  writeFileSync(prompts, list.map((p) => JSON.stringify({ text: p.text, topic: p.topic })).join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const answer = (b: ChatBody) => ({ content: dpfResponder({ messages: b.messages }) });
const runArgs = (url: string, out: string, extra: string[] = []) => [
  'run',
  '--endpoint',
  url,
  '--model',
  'm',
  '--personas',
  personas,
  '--prompts',
  prompts,
  '--out',
  join(dir, out),
  '--per-persona',
  '3',
  '--concurrency',
  '2',
  ...extra,
];
const summary = (stdout: string) =>
  JSON.parse(stdout) as { status: string; counts: { pairs: { total: number; done: number; failed: number } } };

async function withServer<T>(
  faults: ServerFaults,
  f: (url: string, s: Awaited<ReturnType<typeof startScriptedServer>>) => Promise<T>,
): Promise<T> {
  const server = await startScriptedServer(answer, {}, { faults });
  try {
    return await f(server.url, server);
  } finally {
    await server.close();
  }
}

describe('cli run under server faults', () => {
  it('finishes every pair through hung, reset and rate-limited first answers, waiting as the server asks, and exits 0', async () => {
    await withServer({ hangFirst: 1, resetFirst: 1, rateLimit: { count: 2, retryAfter: '1' } }, async (url, server) => {
      const r = await cli(runArgs(url, 'flaky', ['--request-timeout', '1']));
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
      expect(r.code).toBe(0);
      const s = summary(r.stdout);
      expect(s.status).toBe('done');
      expect(s.counts.pairs.done).toBe(s.counts.pairs.total);
      expect(r.stderr).toMatch(/did not finish answering within 1 s; trying again/);
      expect(r.stderr).toMatch(/answered 429 Too Many Requests: Rate limit reached; slow down; waiting 1\.0 s as the server asks/);
      // the requests after each 429 came at least the asked second later
      for (const n of [2, 3]) {
        const same = JSON.stringify(server.requests[n]);
        const retry = server.requests.findIndex((b, i) => i > n && JSON.stringify(b) === same);
        expect(retry).toBeGreaterThan(n);
        expect(server.arrivals[retry]! - server.arrivals[n]!).toBeGreaterThanOrEqual(950);
      }
      const run = JSON.parse(readFileSync(join(dir, 'flaky', 'run.json'), 'utf8'));
      expect(run.status).toBe('done');
      expect(run.counts.requestsSent).toBe(server.requests.length);
    });
  });

  it('gives up on a reply that drips for longer than the request timeout, and finishes once the server is quick again', async () => {
    await withServer({ dripMs: 200 }, async (url) => {
      const first = await cli(runArgs(url, 'drip', ['--request-timeout', '0.5', '--retries', '0']));
      expect(first.code).toBe(1);
      expect(first.stderr).toMatch(/did not finish answering within 500 ms/);
    });
    await withServer({}, async (url) => {
      const again = await cli(runArgs(url, 'drip', ['--request-timeout', '5']));
      expect(again.code).toBe(0);
      expect(summary(again.stdout).status).toBe('done');
    });
  });

  it('exits 1 when the server is gone, says how to resume, and resumes where it stopped once the server is back', async () => {
    let total = 0;
    let answered = new Set<string>();
    await withServer({ dieAfter: 6 }, async (url, server) => {
      const r = await cli(runArgs(url, 'dies', ['--retries', '1']));
      expect(server.dead).toBe(true);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/stopped \(\d+ of \d+ pairs done\): Could not reach 127\.0\.0\.1/);
      expect(r.stderr).toMatch(/run the same command again to resume where it stopped/);
      const s = summary(r.stdout);
      expect(s.status).toBe('failed');
      total = s.counts.pairs.total;
      answered = new Set(server.answered.map((b) => JSON.stringify(b)));
      expect(JSON.parse(readFileSync(join(dir, 'dies', 'run.json'), 'utf8')).status).toBe('failed');
    });
    await withServer({}, async (url, server) => {
      const r = await cli(runArgs(url, 'dies', ['--retries', '1']));
      expect(r.code).toBe(0);
      expect(summary(r.stdout).counts.pairs.done).toBe(total);
      // the answered calls are not asked again (but for one whose reply the dying server cut off)
      expect(server.requests.filter((b) => answered.has(JSON.stringify(b))).length).toBeLessThanOrEqual(1);
    });
  });

  it('stops at once, without retries, when the server refuses the key (401) or has no such model (404)', async () => {
    for (const [status, message, words] of [
      [401, 'Incorrect API key provided: sk-wrong.', /answered 401 Unauthorized: Incorrect API key.*--api-key or the OPENAI_API_KEY/],
      [404, 'The model `m` does not exist.', /answered 404 Not Found: The model `m` does not exist\..*model list/],
    ] as const) {
      await withServer({ refuse: { status, message } }, async (url, server) => {
        const r = await cli(runArgs(url, `refused-${status}`, ['--retries', '4']));
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(words);
        expect(server.requests.length).toBeLessThanOrEqual(2); // the two calls in flight, neither retried
      });
    }
  });

  it('exits 3 when a call keeps failing with 5xx after its retries while others succeed, and 0 once a resume gets it', async () => {
    let broken = true;
    let target: string | undefined; // the first critique asked for the persona aged 73: it fails until fixed
    const server = await startScriptedServer((b) => {
      const user = b.messages.at(-1)!.content;
      if (templateOf({ messages: b.messages }) === 'critique' && user.includes('age: 73')) target ??= user;
      return broken && user === target ? { status: 500 } : answer(b);
    });
    try {
      const r = await cli(runArgs(server.url, 'five-hundred', ['--retries', '1']));
      expect(r.code).toBe(3);
      expect(summary(r.stdout).status).toBe('incomplete');
      expect(r.stderr).toMatch(/incomplete \(\d+ of \d+ pairs done\): 1 pair\(s\) failed on backend errors/);
      expect(r.stderr).toMatch(/run the same command again to try them again/);
      broken = false;
      const again = await cli(runArgs(server.url, 'five-hundred', ['--retries', '1']));
      expect(again.code).toBe(0);
      expect(summary(again.stdout).status).toBe('done');
    } finally {
      await server.close();
    }
  });
});

describe('cli run credentials', () => {
  it('sends the API key as a bearer token and writes neither it nor URL credentials to any file', async () => {
    await withServer({}, async (url, server) => {
      const withSecrets = url.replace('http://', 'http://alice:pa55word@') + '?token=tok-SECRET';
      const r = await cli(runArgs(withSecrets, 'secrets'), { env: { OPENAI_API_KEY: 'sk-from-env-SECRET' } });
      expect(r.code).toBe(0);
      expect(new Set(server.authorizations)).toEqual(new Set(['Bearer sk-from-env-SECRET']));
      expect(r.stderr).toMatch(/user:password@, \?token= are neither sent nor written to any file/);
      const flag = await cli(runArgs(url, 'secrets', ['--api-key', 'sk-flag-SECRET']), { env: { OPENAI_API_KEY: 'sk-from-env-SECRET' } });
      expect(flag.code).toBe(0);
      const files: string[] = [];
      const walk = (d: string) => {
        for (const f of readdirSync(d)) {
          const p = join(d, f);
          if (statSync(p).isDirectory()) walk(p);
          else files.push(readFileSync(p, 'utf8'));
        }
      };
      walk(join(dir, 'secrets'));
      expect(files.length).toBeGreaterThan(3);
      for (const text of [...files, r.stdout, flag.stdout]) expect(text).not.toMatch(/SECRET|pa55word|alice/);
      const models = JSON.parse(readFileSync(join(dir, 'secrets', 'pairs.jsonl'), 'utf8').split('\n')[0]!).models;
      expect(models.generator).toBe(`openai-http:m@${url}`);
    });
  });
});
