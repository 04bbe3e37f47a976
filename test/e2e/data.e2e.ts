// The Data page in real Chromium against the production build: it lists what is stored with counts,
// clears the call cache, exports everything as one bundle, and a fresh browser profile restores the
// bundle with the same counts (and a second restore keeps what is stored unless asked to replace it).
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { download, generatePersonaSet, navigate } from './flow-helpers';
import { launch, type Session } from './harness';

/** The Data page's row count of each kind that holds rows. */
async function counts(page: Page): Promise<Record<string, number>> {
  const rows = page.getByTestId('stored-kinds').locator('tbody tr[data-kind]');
  const out: Record<string, number> = {};
  for (const r of await rows.all()) {
    const n = Number(await r.getAttribute('data-rows'));
    if (n > 0) out[(await r.getAttribute('data-kind'))!] = n;
  }
  return out;
}

/** Puts rows into the call cache as a run would (the page has no other way to make them without a model). */
async function cacheCalls(page: Page, keys: string[]): Promise<void> {
  await page.evaluate(async (keys) => {
    const req = indexedDB.open('persona-lab');
    const db: IDBDatabase = await new Promise(
      (res, rej) => ((req.onsuccess = () => res(req.result)), (req.onerror = () => rej(req.error))),
    );
    const tx = db.transaction('llmCache', 'readwrite');
    for (const key of keys) tx.objectStore('llmCache').put({ key, text: `output of ${key}`, createdAt: 1 });
    await new Promise((res) => (tx.oncomplete = res));
    db.close();
  }, keys);
}

const sessions: Session[] = [];
afterAll(() => Promise.all(sessions.map((s) => s.close())));

describe('the Data page', () => {
  let bundle: { name: string; text: string; path: string };
  let exported: Record<string, number>;

  it('lists what is stored, clears the call cache, and exports everything as one bundle', async () => {
    const s = await launch();
    sessions.push(s);
    const { page } = s;
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${s.baseURL}#/personas`);
    await page.getByRole('heading', { level: 1, name: 'Personas' }).waitFor();
    await generatePersonaSet(page, { count: 40, seed: 'data-page', name: 'Kept set' });
    await cacheCalls(page, ['a', 'b', 'c']);

    await navigate(page, 'Data');
    await expect.poll(() => counts(page), { timeout: 15_000 }).toMatchObject({ 'Persona sets': 2, 'Call cache': 3 });
    await page.getByRole('button', { name: 'Clear the call cache' }).click();
    await expect.poll(() => page.getByTestId('data-notice').textContent()).toBe('Call cache: 3 rows deleted.');
    await expect.poll(async () => (await counts(page))['Call cache']).toBeUndefined();

    exported = await counts(page);
    delete exported.Settings; // settings (and API keys) stay in the browser
    bundle = await download(page, () => page.getByRole('button', { name: 'Export everything' }).click());
    expect(bundle.name).toMatch(/^persona-lab-\d{4}-\d{2}-\d{2}\.jsonl$/);
    expect(JSON.parse(bundle.text.split('\n')[0]!)).toMatchObject({ format: 'persona-lab-bundle', version: 1 });
  });

  it('restores the bundle in a fresh browser with the same counts, and a second restore keeps what is stored', async () => {
    const s = await launch();
    sessions.push(s);
    const { page } = s;
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${s.baseURL}#/data`);
    await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
    await expect.poll(() => page.getByTestId('stored-kinds').locator('tbody tr[data-kind]').count()).toBeGreaterThan(5);
    expect(await counts(page)).toEqual({});

    await page.getByLabel('Restore a bundle').setInputFiles(bundle.path);
    const plan = page.getByTestId('restore-plan');
    await plan.waitFor();
    expect(await plan.getByRole('row', { name: /Persona sets/ }).textContent()).toMatch(/Persona sets\s*2\s*0/);
    await page.getByRole('button', { name: 'Add new rows, keep what is stored' }).click();
    await expect.poll(() => page.getByTestId('data-notice').textContent()).toMatch(/^Restored: \d+ rows added\.$/);
    await expect.poll(() => counts(page)).toEqual(exported);

    await page.getByLabel('Restore a bundle').setInputFiles(bundle.path);
    await plan.waitFor();
    expect(await plan.getByRole('row', { name: /Persona sets/ }).textContent()).toMatch(/Persona sets\s*2\s*2/);
    await page.getByRole('button', { name: 'Add new rows, keep what is stored' }).click();
    await expect
      .poll(() => page.getByTestId('data-notice').textContent())
      .toMatch(/^Restored: 0 rows added, \d+ rows already stored were kept/);
    await expect.poll(() => counts(page)).toEqual(exported);

    await navigate(page, 'Personas');
    await page
      .getByRole('navigation', { name: 'Persona sets' })
      .getByRole('button', { name: /Kept set/ })
      .waitFor();
  });

  it('refuses a file that is not a bundle and changes nothing', async () => {
    const { page } = sessions[1]!;
    await navigate(page, 'Data');
    await page
      .getByLabel('Restore a bundle')
      .setInputFiles({ name: 'notes.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from('{"hello":1}\n') });
    await page.getByTestId('data-error').waitFor();
    expect(await page.getByRole('list', { name: 'Bundle problems' }).textContent()).toContain('notes.jsonl, line 1');
    await expect.poll(() => counts(page)).toEqual(exported);
  });
});
