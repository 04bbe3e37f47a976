// The OpenAI-compatible backend chosen in the app: a loopback server started by the test (with
// CORS, as Ollama or llama.cpp answer) serves the model list and streams a reply into the chat.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseServer, launch, type Session } from './harness';

let server: Server;
let base: string;
const bodies: Record<string, unknown>[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'content-type, authorization');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    if (req.url === '/v1/models')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [{ id: 'tiny-local' }] }));
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const words = ['Well, ', 'I ', 'teach ', 'kids.'];
      let i = 0;
      const tick = () => {
        if (i < words.length) {
          res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: words[i++] }, finish_reason: null }] })}\n\n`);
          setTimeout(tick, 40);
        } else {
          res.write(
            `data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 80, completion_tokens: 4 }, timings: { predicted_per_second: 42.5 } })}\n\n`,
          );
          res.end('data: [DONE]\n\n');
        }
      };
      tick();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('OpenAI-compatible server backend', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('is chosen on the Models page, lists the server models and answers in the chat', async () => {
    const { page } = s;
    await page.goto(`${s.baseURL}#/models`);
    await chooseServer(page, base);
    await page.getByText('1 model offered').waitFor();
    expect(await page.getByLabel('Model', { exact: true }).inputValue()).toBe('tiny-local');

    await page.goto(`${s.baseURL}#/chat`);
    expect(await page.getByTestId('backend-status').textContent()).toContain(`Server ${base} · tiny-local`);
    await page.locator('[data-option-id="example:paper-c2"]').click();
    await page.getByLabel('Message').fill('What do you like?');
    await page.getByRole('button', { name: 'Send' }).click();
    const reply = page.locator('li[data-role="assistant"]:not([data-streaming])').last();
    await expect.poll(() => reply.locator('.text').textContent(), { timeout: 15_000 }).toBe('Well, I teach kids.');
    expect(await reply.locator('.note').textContent()).toContain('42.5 tokens/s');
    const body = bodies.at(-1)!;
    expect(body).toMatchObject({ model: 'tiny-local', stream: true, temperature: 0.8, top_p: 0.95, max_tokens: 1024 });
    expect((body.messages as { content: string }[])[0]!.content).toContain('household language: Spanish');
  });

  it('names the server it cannot reach', async () => {
    const { page } = s;
    await page.goto(`${s.baseURL}#/models`);
    await page.getByLabel('Base URL').fill('http://127.0.0.1:9/v1');
    await page.getByLabel('Base URL').press('Tab');
    await page.goto(`${s.baseURL}#/chat`);
    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.getByLabel('Message').fill('Anyone there?');
    await page.getByRole('button', { name: 'Send' }).click();
    const alert = page.locator('.talk [role="alert"]');
    await alert.waitFor();
    expect(await alert.getAttribute('data-kind')).toBe('network');
    expect(await alert.locator('.message').textContent()).toMatch(
      /^Could not reach 127\.0\.0\.1:9 \(http:\/\/127\.0\.0\.1:9\/v1\/chat\/completions\)/,
    );
    expect(await alert.locator('.hint').textContent()).toMatch(/CORS/);
  });
});
