// Moving between pages as a user does, in real Chromium against the production build: what one page
// makes must show on the next whichever page the app was opened on. (The app's long-lived state is
// made by the first page that needs it; Svelte 5 freezes a `$derived` once the page it was made in
// is gone, so these flows failed when the state was made inside a page.)
import { afterEach, describe, expect, it } from 'vitest';
import { MODEL, navigate } from './flow-helpers';
import { launch, type Session } from './harness';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('moving between pages', () => {
  it('opened on Leave-one-out, the app offers this device’s model on Runs and recommends it on Models', async () => {
    s = await launch({ webgpu: true });
    const { page } = s;
    await page.goto(`${s.baseURL}#/loo`);
    await page.getByRole('heading', { level: 1, name: 'Leave-one-out' }).waitFor();
    await navigate(page, 'Runs');
    await expect.poll(() => page.getByLabel('Generator (y_l) model').inputValue(), { timeout: 15_000 }).toBe(`webllm:${MODEL}`);
    await navigate(page, 'Models');
    await expect
      .poll(
        () =>
          page
            .getByTestId('selected-model')
            .textContent({ timeout: 1000 })
            .catch(() => null),
        { timeout: 15_000 },
      )
      .toBe(MODEL);
  });

  it('a prompt set saved on Prompts is offered on Runs and listed on Prompts, the app having been opened on Runs', async () => {
    s = await launch();
    const { page } = s;
    await page.goto(`${s.baseURL}#/runs`);
    await expect
      .poll(() => page.getByLabel('Prompt set').locator('option').allTextContents())
      .toEqual(['Persona Lab default set (330 questions)']);
    await navigate(page, 'Prompts');
    await page.getByLabel(/Import a file/).setInputFiles({
      name: 'class.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'question,topic\n"Is it ever right to lie to protect a friend?",ethics\n"Should we tax meat heavily to protect the climate?",environment\n"Should voting be compulsory for every adult citizen?",politics\n',
      ),
    });
    await expect.poll(() => page.getByTestId('prompt-draft').textContent()).toContain('3 prompts read from class.csv');
    await page.getByLabel('Name', { exact: true }).fill('Class questions');
    await page.getByRole('button', { name: 'Filter, split and save' }).click();
    await page.locator('li[data-set]', { hasText: 'Class questions' }).waitFor({ timeout: 10_000 });
    await navigate(page, 'Runs');
    await expect.poll(() => page.getByLabel('Prompt set').locator('option').allTextContents()).toContain('Class questions');
  });
});
