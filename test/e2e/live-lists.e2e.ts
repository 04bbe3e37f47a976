// Stored lists follow the database (a Dexie liveQuery behind `Stored`): a persona set made in one tab shows in
// another tab's Data page and Personas page without a reload or a navigation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generatePersonaSet } from './flow-helpers';
import { launch, type Session } from './harness';

/** The Data page's row count of the persona sets kind (the sets and their data). */
async function personaSets(page: Page): Promise<number> {
  return Number(await page.getByTestId('stored-kinds').locator('tr[data-kind="Persona sets"]').getAttribute('data-rows'));
}

/** The same count read straight from IndexedDB. */
function storedRows(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const req = indexedDB.open('persona-lab');
    const db: IDBDatabase = await new Promise(
      (res, rej) => ((req.onsuccess = () => res(req.result)), (req.onerror = () => rej(req.error))),
    );
    const count = (table: string) =>
      new Promise<number>((res, rej) => {
        const r = db.transaction(table).objectStore(table).count();
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
    const n = (await count('personaSets')) + (await count('personaSetData'));
    db.close();
    return n;
  });
}

describe('stored lists in two tabs', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows a persona set made in one tab on the other tab’s Data and Personas pages', async () => {
    const watcher = s.page;
    await watcher.goto(`${s.baseURL}#/data`);
    await watcher.getByTestId('stored-kinds').locator('tr[data-kind="Persona sets"]').waitFor();
    const before = await personaSets(watcher);

    const maker = await s.context.newPage();
    await maker.goto(`${s.baseURL}#/personas`);
    await maker.getByRole('heading', { level: 1, name: 'Personas' }).waitFor();
    await generatePersonaSet(maker, { count: 10, seed: 'tab-one', name: 'Made in the first tab' });
    const stored = await storedRows(maker);
    expect(stored).toBeGreaterThan(before);
    await expect.poll(() => personaSets(watcher), { timeout: 15_000 }).toBe(stored);

    await watcher.goto(`${s.baseURL}#/personas`);
    const sets = watcher.getByRole('navigation', { name: 'Persona sets' });
    await sets.getByRole('button', { name: /Made in the first tab/ }).waitFor();
    await generatePersonaSet(maker, { count: 10, seed: 'tab-two', name: 'Made later' });
    await sets.getByRole('button', { name: /Made later/ }).waitFor({ timeout: 15_000 });
    await maker.close();
  });
});
