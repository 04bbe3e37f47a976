// Undo for deletes (#11), on a 390 px phone: with the demo example stored, deleting its persona set and
// its run each shows "Deleted “name”. Undo" (a status region); Undo brings back the same set (its share
// link opens the stored set, not a new one) and the same run with all its pairs (its link opens it).
// A delete whose offer runs out (the page's clock moved on 11 s, no sleep) stays deleted after a reload.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoBundle } from '../../src/core/demo/bundle';
import { launch, type Session } from './harness';

const bundle = JSON.parse(readFileSync(new URL('../../public/demo/persona-lab-demo.json', import.meta.url), 'utf8')) as DemoBundle;
const PAIRS = bundle.run.manifest.plan.pairs;
const RUN = bundle.run.name;

describe('undo for deletes', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
    await s.page.clock.install();
    await s.page.setViewportSize({ width: 390, height: 800 });
  });
  afterAll(async () => {
    await s?.close();
  });

  const fits = async () =>
    expect(await s.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  const toast = () => s.page.getByRole('status').filter({ hasText: 'Deleted' });

  it('deletes the demo persona set and run, and Undo brings each back with its data and link', async () => {
    const { page } = s;
    await page.goto(`${s.baseURL}#/`);
    await page.getByRole('button', { name: 'Load the demo example' }).click();
    await page.getByTestId('demo-loaded').waitFor({ timeout: 20_000 });

    // A persona set generated here (so it has a share link): deleted without a confirm; the toast names it and offers Undo.
    const dialogs: string[] = [];
    page.on('dialog', (d) => void d.dismiss().finally(() => dialogs.push(d.message())));
    await page.goto(`${s.baseURL}#/personas`);
    const form = page.getByRole('form', { name: 'Generate a persona set' });
    await form.getByLabel('Number of personas').fill('40');
    await form.getByLabel('Seed').fill('undo');
    await form.getByRole('button', { name: 'Generate' }).click();
    const header = page.getByTestId('set-header');
    await header.getByText('40 personas (').waitFor({ timeout: 60_000 });
    const SET = (await header.getByRole('heading').first().textContent())!.trim();
    expect(SET).toMatch(/seed undo/);
    const fingerprint = await header.getAttribute('data-fingerprint');
    const link = await page.getByTestId('share-link').getAttribute('href');
    expect(link).toBeTruthy();
    await header.getByRole('button', { name: 'Delete' }).click();
    await toast().getByText(`Deleted “${SET}”.`).waitFor();
    await expect.poll(() => page.getByRole('navigation', { name: 'Persona sets' }).getByRole('button', { name: SET }).count()).toBe(0);
    await fits();
    await toast().getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('status').getByText(`Restored “${SET}”.`).waitFor();
    await page.getByRole('navigation', { name: 'Persona sets' }).getByRole('button', { name: SET }).first().click();
    await header.getByRole('heading', { name: SET }).waitFor({ timeout: 15_000 });
    expect(await header.getAttribute('data-fingerprint')).toBe(fingerprint);
    expect(await page.getByTestId('share-link').getAttribute('href')).toBe(link);
    // The link opens the stored set again: the very same set, not a second copy.
    await page.goto(link!);
    await page.reload();
    const outcome = page.getByTestId('share-outcome');
    await outcome.waitFor({ timeout: 15_000 });
    expect(await outcome.getAttribute('data-matches')).toBe('true');
    expect(await page.getByRole('navigation', { name: 'Persona sets' }).getByRole('button', { name: SET }).count()).toBe(1);
    expect(dialogs).toEqual([]);

    // The run: deleted, then back with every pair, at its own link.
    await page.goto(`${s.baseURL}#/runs?run=${bundle.run.id}`);
    await page.getByRole('heading', { level: 2, name: RUN }).waitFor({ timeout: 15_000 });
    await page.getByTestId('run-detail').getByRole('button', { name: 'Delete' }).click();
    await toast().getByText(`Deleted “${RUN}”.`).waitFor();
    await expect.poll(() => page.locator(`[data-run="${bundle.run.id}"]`).count()).toBe(0);
    // The Delete button went with the run: the focus is on Undo, so the keyboard undoes it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Undo');
    await page.keyboard.press('Enter');
    await page.locator(`[data-run="${bundle.run.id}"]`).waitFor();
    await page.goto(`${s.baseURL}#/`);
    await page.goto(`${s.baseURL}#/runs?run=${bundle.run.id}`);
    await page.getByRole('heading', { level: 2, name: RUN }).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('run-status').textContent()).toBe('done');
    await expect.poll(() => page.getByTestId('shown-count').textContent(), { timeout: 15_000 }).toBe(`${PAIRS} of ${PAIRS} pairs`);
  });

  it('lets the offer run out after about 10 s: the run stays deleted', async () => {
    const { page } = s;
    await page.getByTestId('run-detail').getByRole('button', { name: 'Delete' }).click();
    await toast().getByText(`Deleted “${RUN}”.`).waitFor();
    await page.clock.runFor(9_000);
    expect(await toast().getByRole('button', { name: 'Undo' }).count()).toBe(1);
    await page.clock.runFor(2_000);
    await expect.poll(() => toast().count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Runs' }).waitFor();
    await page.locator('main[data-ready="true"]').waitFor();
    expect(await page.locator(`[data-run="${bundle.run.id}"]`).count()).toBe(0);
    expect(await page.getByRole('heading', { level: 2, name: RUN }).count()).toBe(0);
  });
});
