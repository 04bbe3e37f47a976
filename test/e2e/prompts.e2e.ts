// Prompt sets in real Chromium: PRISM's file downloaded through a routed URL with progress and the
// paper's rule filters, a clear error for an unreachable host, and a CSV import.
import { readFileSync } from 'node:fs';
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

  it('browses, searches, edits the built-in set as a copy, exports and deletes it', async () => {
    const { page } = s;
    await page.locator('[data-set="default"]').getByRole('button', { name: 'Browse and edit' }).click();
    const editor = page.getByTestId('prompt-editor');
    const count = editor.getByTestId('prompt-count');
    await expect.poll(() => count.textContent()).toMatch(/^\s*330 of 330 prompts \(the first 100 shown\)/);
    await editor.getByLabel('Search prompts').fill('VACCIN');
    await expect.poll(() => count.textContent()).toMatch(/^\s*[1-9]\d* of 330 prompts\s*$/);
    await editor.getByLabel('Search prompts').fill('');

    // The first change makes an edited copy; the built-in set stays as it was.
    await editor.getByLabel('New prompt', { exact: true }).fill('How do I handle conflict in a team environment?');
    await editor.getByRole('button', { name: 'Add', exact: true }).click();
    await editor.getByRole('heading', { name: /\(edited\)$/ }).waitFor();
    await expect.poll(() => count.textContent()).toMatch(/^\s*331 of 331 prompts/);
    expect(await page.locator('[data-set="default"]').textContent()).toContain('330 prompts');
    await editor.getByLabel('Search prompts').fill('team environment');
    const row = editor.getByTestId('prompt-row');
    await expect.poll(() => row.allTextContents()).toHaveLength(1);
    expect(await row.textContent()).toContain('Work and careers · train'); // not "Environment and climate"
    // The same prompt twice is refused.
    await editor.getByLabel('New prompt', { exact: true }).fill('how do I handle conflict in a TEAM environment?');
    await editor.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => editor.getByRole('alert').textContent()).toMatch(/already has this prompt/);
    // Edit: new text, topic and split.
    await row.getByRole('button', { name: 'Edit' }).click();
    await editor.getByLabel('Prompt text', { exact: true }).fill('How do I handle conflict in a remote team?');
    await editor.getByLabel('Prompt split', { exact: true }).selectOption('heldout');
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await editor.getByLabel('Search prompts').fill('remote team');
    await expect.poll(() => row.allTextContents()).toHaveLength(1);
    expect(await row.textContent()).toContain('Work and careers · heldout');
    await editor.getByLabel('Set name').fill('My questions');
    await editor.getByRole('button', { name: 'Rename', exact: true }).click();
    await editor.getByRole('heading', { name: 'My questions' }).waitFor();
    const copy = page.locator('li[data-set]', { hasText: 'My questions' });
    const [file] = await Promise.all([page.waitForEvent('download'), copy.getByRole('button', { name: 'Export JSONL' }).click()]);
    const lines = readFileSync((await file.path())!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string; topic: string; split: string });
    expect(lines).toHaveLength(331);
    expect(lines.at(-1)).toMatchObject({ text: 'How do I handle conflict in a remote team?', topic: 'work', split: 'heldout' });
    // Delete a prompt, then the copy (no confirm: the toast offers Undo, which brings it back).
    await row.getByRole('button', { name: /^Delete/ }).click();
    await expect.poll(() => count.textContent()).toMatch(/^\s*0 of 330 prompts/);
    await copy.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => copy.count()).toBe(0);
    expect(await editor.count()).toBe(0);
    const toast = page.getByRole('status').filter({ hasText: 'Deleted “My questions”.' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => copy.count()).toBe(1);
    await copy.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => copy.count()).toBe(0);
  });
});
