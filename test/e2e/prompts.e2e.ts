// Prompt sets in real Chromium: PRISM's file downloaded through a routed URL with progress and the
// paper's rule filters, a clear error for an unreachable host, and a CSV import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './harness';

const PRISM = 'https://huggingface.co/datasets/HannahRoseKirk/prism-alignment/resolve/main/conversations.jsonl';
const lines = [
  ...Array.from({ length: 40 }, (_, i) => ({
    conversation_id: `c${i}`,
    opening_prompt: `Should question number ${i} be asked of everyone?`,
    conversation_history: [{ content: 'x'.repeat(2000) }],
  })),
  { conversation_id: 'short', opening_prompt: 'Is it fair?' },
  { conversation_id: 'noq', opening_prompt: 'Tell me a story about a dragon please' },
  { conversation_id: 'dup', opening_prompt: 'Should question number 1 be asked of everyone?' },
];
const body = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';

describe('prompt sets in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
    await s.page.route(PRISM, (route) =>
      route.fulfill({
        status: 200,
        headers: {
          'content-type': 'application/jsonl',
          'content-length': String(Buffer.byteLength(body)),
          'access-control-allow-origin': '*',
        },
        body,
      }),
    );
    await s.page.route('https://unreachable.example/**', (route) => route.abort('addressunreachable'));
    await s.page.goto(`${s.baseURL}#/prompts`);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('lists the built-in set', async () => {
    await s.page.locator('[data-set="default"]').waitFor();
    expect(await s.page.locator('[data-set="default"]').textContent()).toContain('330 prompts');
  });

  it('downloads PRISM, applies the rule filters and saves a split set', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    await page.getByTestId('prompt-draft').waitFor();
    expect(await page.getByTestId('prompt-draft').textContent()).toContain('43 prompts read');
    const report = ((await page.getByTestId('rule-report').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(report).toMatch(
      /keep 40 of 43: 1 without a question mark, 1 under 5 words, 1 duplicates, 0 empty\. Split: 31 train, 9 held out/,
    );
    await page.getByLabel('Name', { exact: true }).fill('PRISM sample');
    await page.getByRole('button', { name: 'Filter, split and save' }).click();
    const saved = page.locator('li[data-set]', { hasText: 'PRISM sample' });
    await saved.waitFor();
    expect(await saved.textContent()).toMatch(/40 prompts.*31 train · 9 held out/s);
  });

  it('names the host when it cannot be reached', async () => {
    const { page } = s;
    await page.getByLabel(/Download PRISM/).fill('https://unreachable.example/conversations.jsonl');
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/Could not reach unreachable\.example/);
  });

  it('imports a CSV file', async () => {
    const { page } = s;
    await page.getByLabel(/Import a file/).setInputFiles({
      name: 'mine.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('question,topic\n"Is it ever right to lie, and when?",ethics\n"Should we tax meat heavily?",environment\n'),
    });
    await expect.poll(() => page.getByTestId('prompt-draft').textContent()).toContain('2 prompts read from mine.csv');
  });
});
