// PERSONA Bench in real Chromium against the production build: with the scripted engine inside the
// LLM worker (WebGPU) a small bench runs, is stopped, left and resumed, survives a reload, and shows its
// results, figures, samples and the leaderboard; with an OpenAI-compatible server on loopback (its answers
// personalised only when the persona is shown) a bench with pass@k, checked at 390 px wide.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchCallOf, benchResponder } from '../doubles/bench-responder';
import type { EngineRule } from '../doubles/scripted-engine';
import { download, navigate } from './flow-helpers';
import { chooseServer, launch, type Session } from './harness';
import { installScriptedEngine } from './scripted-engine';

/**
 * The engine personalises for personas aged 30 and over only (the baseline never can); the critic passes
 * exactly the answers that speak to the age, in JSON, and fails the others in prose.
 */
const RULES: EngineRule[] = [
  {
    match: '^You decide whether[^]*\\nANSWER:\\nFor someone aged',
    replies: [
      '{"chain_of_thought": "It speaks to their age.", "personalization_critic": "Tailored.", "helpfulness_critic": "Helpful.", "conclusion": "Fine as it is.", "needs_revision": false}',
    ],
  },
  { match: '^You decide whether', replies: ['The answer is generic, so it needs revision.'] },
  {
    match: 'THE PERSON:\\nage: ([3-9]\\d)\\n[^]*"chain_of_thought"',
    replies: ['{"chain_of_thought": "They are $1.", "answer_to_question": "For someone aged $1: take it step by step."}'],
  },
  { match: '"chain_of_thought"', replies: ['{"chain_of_thought": "No idea.", "answer_to_question": "A general answer."}'] },
  {
    match: 'THE PERSON:\\nage: ([3-9]\\d)\\n[^]*"demographic_summary"',
    replies: ['{"demographic_summary": "A person aged $1.", "answer_to_question": "For someone aged $1: start small."}'],
  },
  { match: '"demographic_summary"', replies: ['{"demographic_summary": "Someone.", "answer_to_question": "A general answer."}'] },
  { match: 'THE PERSON:\\nage: ([3-9]\\d)\\n', replies: ['For someone aged $1: it depends on what matters to you.'] },
];

/** Fills the form for a small bench: 2 example personas × 2 held-out prompts, every method. */
async function smallBench(page: Session['page'], o: { samples: number; name: string }): Promise<void> {
  const form = page.getByRole('region', { name: 'New bench' });
  await form.getByLabel('Persona list').locator('option').first().waitFor({ state: 'attached' });
  await form.getByLabel('At most personas').fill('2');
  await form.getByLabel('Prompts per persona').fill('2');
  await form.getByLabel('Samples per item').fill(String(o.samples));
  await form.getByLabel('Name').fill(o.name);
}

describe('PERSONA Bench in the browser', () => {
  describe('with the scripted engine (WebGPU)', () => {
    let s: Session;
    beforeAll(async () => {
      s = await launch({ webgpu: true });
    });
    afterAll(async () => {
      await s?.close();
    });

    it('runs a small bench through a stop, a visit elsewhere and a reload, then shows results, samples and the leaderboard', async () => {
      const { page } = s;
      const engine = installScriptedEngine(page, { rules: RULES, replies: ['A general answer.'], tokenDelayMs: 10, loadSteps: 1 });
      await page.goto(`${s.baseURL}#/bench`);
      await page.getByRole('heading', { level: 1, name: 'Bench' }).waitFor();
      await expect
        .poll(() => page.getByLabel('Critic model').locator('option').first().textContent(), { timeout: 20_000 })
        .toMatch(/WebGPU/);
      await smallBench(page, { samples: 2, name: 'Browser bench' });
      const estimate = page.getByTestId('bench-estimate');
      await expect.poll(() => estimate.textContent()).toMatch(/4 items × 4 methods × 2 samples = 32 samples per model\./);
      expect(await estimate.getByTestId('job-size').textContent()).toMatch(
        /This bench: ≈ 64 calls · .* tokens · ≈ .*\(assumed: 15 tokens\/s/,
      );
      await page.getByRole('button', { name: 'Start bench' }).click();
      await engine.ready();
      const status = page.getByTestId('bench-status');
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('running');

      // Stop after a few samples; leave the page and come back: it is stopped, not running twice.
      const done = page.getByTestId('bench-samples-done');
      await expect
        .poll(async () => Number(((await done.textContent().catch(() => '')) ?? '').split('/')[0] || 0), { timeout: 60_000, interval: 100 })
        .toBeGreaterThanOrEqual(4);
      await page.getByRole('button', { name: 'Stop' }).click();
      await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('paused');
      await navigate(page, 'Runs');
      await navigate(page, 'Bench');
      await page.getByRole('region', { name: 'Benches' }).getByRole('button', { name: 'Browser bench' }).click();
      await expect.poll(() => status.textContent()).toBe('paused');
      const beforeResume = (await engine.log())?.requests.length ?? 0;

      // Resume, then reload in the middle: the bench is interrupted, resumes, and finishes.
      await page.getByRole('button', { name: 'Resume' }).click();
      await expect
        .poll(async () => Number(((await done.textContent().catch(() => '')) ?? '').split('/')[0] || 0), { timeout: 60_000, interval: 100 })
        .toBeGreaterThanOrEqual(12);
      const beforeReload = (await engine.log())?.requests.length ?? 0;
      const again = engine.next();
      await page.reload();
      await again;
      await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe('interrupted');
      await page.getByRole('button', { name: 'Resume' }).click();
      await expect.poll(() => status.textContent(), { timeout: 90_000, interval: 250 }).toBe('done');
      const afterReload = (await engine.log())?.requests.length ?? 0;
      // 32 answers (some baseline ones shared) and 32 critiques at most, plus the calls cut short by the stop and the reload.
      expect(beforeReload + afterReload).toBeLessThanOrEqual(64 + 2);
      expect(beforeResume).toBeGreaterThan(4);

      // The baseline never personalises; the others do for the persona aged 73 and not for the one aged 10.
      const results = page.getByTestId('bench-results');
      const acc = (m: string) => results.locator(`tr[data-method="${m}"] [data-testid="accuracy"]`).textContent();
      expect(await acc('baseline')).toBe('0.0%');
      for (const m of ['persona', 'cot', 'summary']) expect(await acc(m)).toBe('50.0%');
      expect(await results.locator('tr[data-method="persona"] td[data-k="2"]').textContent()).toBe('50.0%');
      expect(await results.locator('[data-testid="missing"]').allTextContents()).toEqual(['0', '0', '0', '0']);
      await page.locator('canvas[aria-label="Attributes the summaries drop"]').waitFor();
      await page.locator('canvas[aria-label="pass@k per method"]').waitFor();

      // Browse the samples: the passing ones of the summary method, one opened with its critique.
      await page.getByLabel('Method filter').selectOption('summary');
      await page.getByLabel('Outcome filter').selectOption('pass');
      await expect.poll(() => page.getByTestId('samples-shown').textContent()).toBe('4 of 32 samples');
      await page.getByTestId('sample-row').first().click();
      const card = page.getByTestId('sample-card');
      expect(await card.getByTestId('sample-answer').textContent()).toContain('For someone aged 73: start small.');
      expect(await card.getByTestId('sample-summary').textContent()).toContain('A person aged 73.');
      expect(await card.getByTestId('sample-verdict').textContent()).toContain('no revision needed: pass');
      await page.getByLabel('Outcome filter').selectOption('fail');
      await expect.poll(() => page.getByTestId('sample-row').first().getAttribute('data-outcome')).toBe('needs revision');
      await page.getByTestId('sample-row').first().click();
      // the card reads the chosen sample from the store: it changes once that read is done
      await expect.poll(() => card.getByTestId('sample-verdict').textContent()).toMatch(/needs revision: fail[^]*read from prose/);

      // The leaderboard ranks the bench's methods; CSV and a figure download.
      const board = page.getByTestId('leaderboard');
      await expect.poll(() => board.locator('tbody tr').count()).toBe(4);
      const csv = await download(page, () =>
        page.getByRole('region', { name: 'Leaderboard' }).getByRole('button', { name: 'CSV' }).click(),
      );
      const lines = csv.text.trim().split(/\r?\n/);
      expect(lines[0]).toMatch(/^model,backend,method,accuracy,ci_low,ci_high,n_items,n_samples,missing,pass@1/);
      expect(lines).toHaveLength(5);
      expect(lines.slice(1).some((l) => /,webllm,baseline,0,/.test(l))).toBe(true);
      await page.getByRole('button', { name: /^Export .*: accuracy per method$/ }).click();
      const png = await download(page, () => page.getByRole('button', { name: 'PNG image' }).click());
      expect(png.name).toMatch(/accuracy\.png$/);
      await page.getByRole('button', { name: /^Export .*: accuracy per method$/ }).click();
      const data = await download(page, () => page.getByRole('button', { name: 'CSV data' }).click());
      expect(data.text.split(/\r?\n/)[0]).toBe('method,accuracy (%),accuracy (%) low,accuracy (%) high');
    });
  });

  describe('with an OpenAI-compatible server', () => {
    let server: Server;
    let base: string;
    const bodies: Array<{ messages: { role: string; content: string }[]; seed?: number }> = [];
    let s: Session;
    beforeAll(async () => {
      const respond = benchResponder();
      server = createServer((req, res) => {
        res.setHeader('access-control-allow-origin', '*');
        res.setHeader('access-control-allow-headers', 'content-type, authorization');
        if (req.method === 'OPTIONS') return void res.writeHead(204).end();
        if (req.url === '/v1/models')
          return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [{ id: 'tiny-local' }] }));
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          const b = JSON.parse(body) as { messages: { role: string; content: string }[]; seed?: number; stream?: boolean };
          bodies.push(b);
          const content = respond(b);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
              usage: { prompt_tokens: 50, completion_tokens: 12 },
            }),
          );
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
      s = await launch();
    });
    afterAll(async () => {
      await s?.close();
      await new Promise<void>((r) => server.close(() => r()));
    });

    it('benchmarks a server model with pass@k, and fits a 390 px wide window', async () => {
      const { page } = s;
      await page.goto(`${s.baseURL}#/models`);
      await chooseServer(page, base);
      await page.getByText('1 model offered').waitFor();
      await navigate(page, 'Bench');
      await expect.poll(() => page.getByLabel('Critic model').inputValue()).toMatch(/tiny-local/);
      await smallBench(page, { samples: 4, name: 'Server bench' });
      await page.getByRole('button', { name: 'Start bench' }).click();
      const status = page.getByTestId('bench-status');
      await expect.poll(() => status.textContent(), { timeout: 60_000, interval: 250 }).toBe('done');

      const results = page.getByTestId('bench-results');
      const acc = (m: string) => results.locator(`tr[data-method="${m}"] [data-testid="accuracy"]`).textContent();
      expect(await acc('baseline')).toBe('0.0%');
      const pass4 = await results.locator('tr[data-method="cot"] td[data-k="4"]').textContent();
      const pass1 = await results.locator('tr[data-method="cot"] td[data-k="1"]').textContent();
      expect(parseFloat(pass4 ?? '0')).toBeGreaterThanOrEqual(parseFloat(pass1 ?? '0'));
      expect(parseFloat(pass1 ?? '0')).toBeGreaterThan(0);
      // The baseline's requests never held the persona; each sample of an item had its own seed.
      const baseline = bodies.filter((b) => benchCallOf(b) === 'baseline');
      expect(baseline.length).toBeGreaterThan(0);
      expect(baseline.every((b) => b.messages.every((m) => !/THE PERSON|^age: /m.test(m.content)))).toBe(true);
      const cot = bodies.filter((b) => benchCallOf(b) === 'cot');
      expect(new Set(cot.map((b) => b.seed)).size).toBe(4);

      await page.setViewportSize({ width: 390, height: 800 });
      await page.locator('canvas[aria-label="pass@k per method"]').waitFor();
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await expect.poll(overflow, { message: 'the Bench page at 390 px is too wide' }).toBeLessThanOrEqual(0);
      await page.getByTestId('sample-row').first().click();
      await page.getByTestId('sample-card').waitFor();
      await expect.poll(overflow, { message: 'an open sample at 390 px is too wide' }).toBeLessThanOrEqual(0);
    });
  });
});
