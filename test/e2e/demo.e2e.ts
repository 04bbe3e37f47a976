// Demo mode (#11, the teacher's day): in Chromium without WebGPU and with no server, one click on
// Home stores the ready-made example of public/demo/ (made by scripts/make-demo.ts), and Personas,
// Runs, Agreement and Classroom all show its data, at 1280 px and on a 390 px phone. Loading it
// twice doubles nothing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoBundle } from '../../src/core/demo/bundle';
import { launch, type Session } from './harness';

const bundle = JSON.parse(readFileSync(new URL('../../public/demo/persona-lab-demo.json', import.meta.url), 'utf8')) as DemoBundle;
const PAIRS = bundle.run.manifest.plan.pairs;

describe('demo mode without a GPU or a server', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => {
    await s?.close();
  });

  /** The page is no wider than the window (tables and long options scroll or shrink inside their box). */
  const fits = async () =>
    expect(await s.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  for (const width of [1280, 390]) {
    it(`loads the example from Home and every page shows it (${width} px)`, async () => {
      const { page } = s;
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${s.baseURL}#/`);
      await page.getByRole('button', { name: 'Load the demo example' }).click();
      const loaded = page.getByTestId('demo-loaded');
      await loaded.waitFor({ timeout: 20_000 });
      expect(await loaded.textContent()).toContain('scripted model');

      // Personas: the set and its people.
      await loaded.getByRole('link', { name: 'personas' }).click();
      await page.getByRole('heading', { level: 1, name: 'Personas' }).waitFor();
      await page.getByRole('button', { name: bundle.personaSet.name }).first().click();
      await page.getByTestId('set-header').getByRole('heading', { name: bundle.personaSet.name }).waitFor({ timeout: 15_000 });
      expect(
        await page.getByRole('navigation', { name: 'Persona sets' }).getByRole('button', { name: bundle.personaSet.name }).count(),
      ).toBe(1);
      await fits();

      // Runs: the finished run with its two judges, every pair listed.
      await page.goto(`${s.baseURL}#/runs?run=${bundle.run.id}`);
      await page.getByRole('heading', { level: 2, name: bundle.run.name }).waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('run-status').textContent()).toBe('done');
      await expect.poll(() => page.getByTestId('shown-count').textContent(), { timeout: 15_000 }).toBe(`${PAIRS} of ${PAIRS} pairs`);
      await expect.poll(() => page.getByTestId('judge-summary').count()).toBe(2);
      await fits();

      // Agreement: the judges' label set and its matrix.
      await page.goto(`${s.baseURL}#/agreement`);
      await page.getByRole('button', { name: bundle.labels.name, exact: true }).click();
      const matrix = page.getByTestId('agreement-matrix').first();
      await matrix.waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('matrix-legend').first().textContent()).toContain('demo-judge-position');
      await fits();

      // Classroom: the kit reopened with the eight students' files, majorities per persona.
      await page.goto(`${s.baseURL}#/classroom`);
      const report = page.getByTestId('import-report');
      await report.waitFor({ timeout: 20_000 });
      expect(await report.locator('p').first().textContent()).toMatch(/8 files taken,\s*0 refused/);
      expect(await page.getByTestId('majorities').locator('tbody tr').count()).toBe(bundle.kit.personas.length);
      await page.getByRole('heading', { name: 'Students and models' }).waitFor({ timeout: 20_000 });
      await fits();
    });
  }
});
