// A job started on one page keeps running while the user visits others, and the page shows it again on return
// with its live progress and its Stop (issue #10: the persona generation and the census import used to live in
// their page and lose both; the LLM review likewise). Real Chromium against the production build.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticPumsCsv } from '../fixtures/synthetic-pums';
import { MODEL, generatePersonaSet, navigate } from './flow-helpers';
import { launch, type Session } from './harness';
import { installScriptedEngine } from './scripted-engine';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('jobs across navigation', () => {
  it('a persona generation keeps running on another page, and Personas shows its progress and Cancel again', async () => {
    s = await launch();
    const { page } = s;
    await page.goto(`${s.baseURL}#/personas`);
    await page.getByRole('heading', { level: 1, name: 'Personas' }).waitFor();
    const form = page.getByRole('form', { name: 'Generate a persona set' });
    await form.getByLabel('Number of personas').fill('200000');
    await form.getByLabel('Seed').fill('travelling');
    await form.getByRole('button', { name: 'Generate' }).click();
    const progress = () => form.getByLabel('Generation progress').getAttribute('value').then(Number);
    await expect.poll(progress, { timeout: 30_000 }).toBeGreaterThan(0);
    const before = await progress();

    await navigate(page, 'Census');
    await navigate(page, 'Personas');
    // The same job, still running: its progress moves on from where it was, and Cancel stops it.
    await expect.poll(progress, { timeout: 30_000 }).toBeGreaterThan(before);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('sets-notice').waitFor();
    expect(await page.getByTestId('sets-notice').textContent()).toBe('Generation cancelled; nothing was stored.');
    expect(await page.getByRole('navigation', { name: 'Persona sets' }).getByRole('button').count()).toBe(0);
  });

  it('a census import keeps reading on another page, and Census shows its progress and Cancel again', async () => {
    s = await launch();
    const { page } = s;
    const dir = mkdtempSync(join(tmpdir(), 'census-travel-'));
    try {
      const file = join(dir, 'psam_p96.csv');
      writeFileSync(file, await syntheticPumsCsv(60_000_000, 'travelling'));
      await page.goto(`${s.baseURL}#/census`);
      await page.getByRole('heading', { level: 1, name: 'Census' }).waitFor();
      await page.getByTestId('census-files').setInputFiles(file);
      const panel = page.getByRole('region', { name: 'Import census data' });
      const status = panel.getByRole('status');
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/Reading psam_p96\.csv… \d+%/);

      await navigate(page, 'Personas');
      await navigate(page, 'Census');
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/(Reading psam_p96\.csv|Building the model)… \d+%/);
      await panel.getByRole('button', { name: 'Cancel' }).click();
      await page.getByTestId('census-cancelled').waitFor();
      expect(await page.locator('.models li').count()).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an LLM review keeps going on another page, and Personas shows its progress and Stop again', async () => {
    s = await launch({ webgpu: true });
    const { page } = s;
    const engine = installScriptedEngine(page, { replies: ['PLAUSIBLE\nConsistent.'], replyDelayMs: 400 });
    try {
      await page.goto(`${s.baseURL}#/models`);
      await engine.ready();
      await page.getByRole('button', { name: `Load ${MODEL}` }).click();
      await page.getByText('Ready: open the').waitFor({ timeout: 60_000 });
      await navigate(page, 'Personas');
      await generatePersonaSet(page, { count: 40, seed: 'review-travel', name: 'Reviewed on the way' });
      const stages = page.getByRole('region', { name: 'LLM review and enrichment' });
      await stages.getByRole('button', { name: 'Review plausibility' }).click();
      const progress = () => stages.getByLabel('LLM stage progress').getAttribute('value').then(Number);
      await expect.poll(progress, { timeout: 30_000 }).toBeGreaterThan(0);
      const before = await progress();

      await navigate(page, 'Chat');
      await navigate(page, 'Personas');
      await expect.poll(progress, { timeout: 30_000 }).toBeGreaterThan(before);
      await stages.getByRole('button', { name: 'Stop' }).click();
      await expect.poll(() => stages.getByRole('alert').textContent()).toMatch(/Stopped; run it again to resume/);
    } finally {
      engine.dispose();
    }
  });
});
