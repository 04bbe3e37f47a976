// Stored lists follow the database (a Dexie liveQuery behind `Stored`): a persona set made in one tab shows in
// another tab's Data page and Personas page without a reload or a navigation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generatePersonaSet } from './flow-helpers';
import { launch, type Session } from './harness';

/** The Data page's row count of persona sets. */
async function personaSets(page: Page): Promise<number> {
  return Number(await page.getByTestId('stored-kinds').locator('tr[data-kind="Persona sets"]').getAttribute('data-rows'));
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
    await expect.poll(() => personaSets(watcher), { timeout: 15_000 }).toBeGreaterThanOrEqual(0);
    const before = await personaSets(watcher);

    const maker = await s.context.newPage();
    await maker.goto(`${s.baseURL}#/personas`);
    await maker.getByRole('heading', { level: 1, name: 'Personas' }).waitFor();
    await generatePersonaSet(maker, { count: 10, seed: 'tab-one', name: 'Made in the first tab' });
    await expect.poll(() => personaSets(watcher), { timeout: 15_000 }).toBe(before + 1);

    await watcher.goto(`${s.baseURL}#/personas`);
    const sets = watcher.getByRole('navigation', { name: 'Persona sets' });
    await sets.getByRole('button', { name: /Made in the first tab/ }).waitFor();
    await generatePersonaSet(maker, { count: 10, seed: 'tab-two', name: 'Made later' });
    await sets.getByRole('button', { name: /Made later/ }).waitFor({ timeout: 15_000 });
    await maker.close();
  });
});
