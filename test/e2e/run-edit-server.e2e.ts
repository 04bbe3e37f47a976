// A run whose server goes away is moved to another server (Chromium, the production build, two
// scripted OpenAI-compatible servers): the run stops as failed naming the server, its roles are moved
// to the second server on the Runs page, the manifest records the change, the pairs made on the first
// server are kept, the resume asks the second server only for the rest and finishes; the judge's name
// follows the new model; the run is renamed inline and keeps its new name after a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedServer, type ChatBody, type ScriptedServer } from '../doubles/openai-server';
import { dpfResponder } from '../doubles/scripted-client';
import { chooseServer, launch, type Session } from './harness';

const reply = (b: ChatBody) => ({ content: dpfResponder({ messages: b.messages }) });

describe('editing a run’s server', () => {
  let s: Session;
  let first: ScriptedServer;
  let second: ScriptedServer;
  const errors: string[] = [];
  beforeAll(async () => {
    [s, first, second] = await Promise.all([
      launch(),
      startScriptedServer(reply, {}, { cors: true, models: ['tiny-a'], faults: { dieAfter: 8 } }),
      startScriptedServer(reply, {}, { cors: true, models: ['tiny-b'] }),
    ]);
    s.page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await Promise.all([s?.close(), first?.close(), second?.close()]);
  });

  it('moves a failed run to a second server, keeps its finished work and finishes there', async () => {
    const { page } = s;
    await page.goto(`${s.baseURL}#/models`);
    await chooseServer(page, first.url);
    await page.getByText('1 model offered').waitFor({ timeout: 15_000 });

    await page.goto(`${s.baseURL}#/runs`);
    const form = page.getByRole('region', { name: 'New run' });
    await expect
      .poll(() => form.getByLabel('Generator (y_l) model').inputValue(), { timeout: 20_000 })
      .toBe(`openai-http:tiny-a@${first.url}`);
    await form.getByLabel('Name', { exact: true }).fill('On A');
    await form.getByLabel('How many personas').fill('3');
    await form.getByLabel('Train pairs').fill('1');
    await form.getByLabel('Seen-test pairs').fill('0');
    await form.getByLabel('Held-out pairs').fill('1');
    await form.getByLabel('Pairs at once').fill('1');
    await form.getByRole('button', { name: 'Create run' }).click();
    await page.getByRole('heading', { level: 2, name: 'On A' }).waitFor();
    const detail = page.getByTestId('run-detail');
    await detail.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000, interval: 250 }).toBe('failed');
    expect(first.dead).toBe(true);
    expect(await detail.getByRole('alert').textContent()).toMatch(/reach|CORS/);
    const shown = page.getByRole('region', { name: 'Pairs' }).getByTestId('shown-count');
    const outcome = page.getByRole('region', { name: 'Pairs' }).getByLabel('Outcome');
    await outcome.selectOption('done');
    await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toMatch(/^\d+ of 6 pairs$/);
    const doneOnA = Number((await shown.textContent())!.split(' ')[0]);
    await outcome.selectOption('');

    const edit = page.getByTestId('edit-server');
    await edit.getByText('Change the server of a role').click();
    await edit.getByLabel('Role to move').selectOption('generator');
    await edit.getByLabel('New model of the role').selectOption('__other__');
    await edit.getByLabel('New server URL').fill(second.url);
    await edit.getByLabel('New model name').fill('tiny-b');
    await edit.getByLabel(/Every role on this server/).check();
    await edit.getByRole('button', { name: 'Change server' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 10_000 }).toBe('paused');
    const changes = edit.getByTestId('server-changes').locator('li');
    await expect.poll(() => changes.count()).toBe(3);
    expect(await changes.allTextContents()).toEqual(
      ['Generator', 'Critic', 'Judge 1'].map((who) =>
        expect.stringMatching(new RegExp(`^${who}: openai-http:tiny-a@${first.url} → openai-http:tiny-b@${second.url} \\(\\d{4}-`)),
      ),
    );

    await detail.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000, interval: 250 }).toBe('done');
    await outcome.selectOption('done');
    await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toBe('6 of 6 pairs');
    expect(second.requests.length).toBeGreaterThan(0);
    expect(second.requests.every((r) => r.model === 'tiny-b')).toBe(true);
    // The pairs finished on A were not asked again: B made the rest (two verdicts at least for each pair left).
    const judgedOnB = second.requests.filter((r) => /role-playing/.test(r.messages[0]?.content ?? '')).length;
    expect(judgedOnB).toBeLessThanOrEqual(2 * (6 - doneOnA));
    expect(await detail.getByTestId('judge-summary').locator('td').first().textContent()).toBe(`openai-http:tiny-b@${second.url}`);
    await detail.getByText('Manifest').click();
    expect(await detail.textContent()).toContain(
      `Server changed: Judge 1: openai-http:tiny-a@${first.url} → openai-http:tiny-b@${second.url}`,
    );

    // Rename inline: the new name everywhere, after a reload too.
    await detail.getByRole('button', { name: 'Rename the run “On A”' }).click();
    await detail.getByLabel('New name of the run').fill('Moved to B');
    await detail.getByLabel('New name of the run').press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Moved to B' }).waitFor();
    await page.reload();
    await page.locator('li[data-run]').getByRole('button', { name: 'Moved to B' }).waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
  });
});
