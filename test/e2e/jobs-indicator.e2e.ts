// The header's jobs list (issue #11: "every long job can be stopped, from any page"): a run started on Runs
// shows its size before it is made, is listed in the header on another page with its progress, is stopped
// from there, and Runs shows it stopped (paused, resumable). The list opens by keyboard and fits a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navigate } from './flow-helpers';
import { launch, type Session } from './harness';
import { installScriptedEngine, type ScriptedEngineHandle } from './scripted-engine';

// One reply every parser reads: JSON for the judge, EVALUATION/SUGGESTIONS for the critique, REVISED PREFERENCE for the revision.
const REPLY =
  '{"preferred": "A", "reason": "It fits me."} EVALUATION: The answer is generic. SUGGESTIONS: Be brief. REVISED PREFERENCE: A brief answer that fits. DONE';

describe('the header jobs list', () => {
  let s: Session;
  let engine: ScriptedEngineHandle;
  beforeAll(async () => {
    s = await launch({ webgpu: true });
    engine = installScriptedEngine(s.page, { replies: [REPLY], tokenDelayMs: 40, loadSteps: 1 });
    await s.page.goto(`${s.baseURL}#/runs`);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('estimates a run, lists it on another page, stops it from the header, and Runs shows it paused', async () => {
    const { page } = s;
    const form = page.getByRole('region', { name: 'New run' });
    await form.getByLabel('Persona source').locator('option').first().waitFor({ state: 'attached' });
    await form.getByLabel('Name', { exact: true }).fill('Stopped from the header');
    await form.getByLabel('How many personas').fill('2');
    await form.getByLabel('Train pairs').fill('3');
    await form.getByLabel('Seen-test pairs').fill('1');
    await form.getByLabel('Held-out pairs').fill('1');
    await expect
      .poll(() => form.getByLabel('Generator (y_l) model').locator('option').first().textContent(), { timeout: 20_000 })
      .toMatch(/WebGPU/);
    // 10 pairs: a critique, a revision and two verdicts each, and a base answer per distinct prompt.
    const size = form.getByTestId('job-size');
    await expect
      .poll(() => size.textContent())
      .toMatch(/This run: ≈ (4[1-9]|50) calls · \d+ k tokens · ≈ .+ \(assumed: 15 tokens\/s, nothing measured here yet\)/);
    await form.getByRole('button', { name: 'Create run' }).click();
    await page.getByTestId('run-detail').waitFor();
    await page.getByRole('button', { name: 'Start' }).click();
    await engine.ready();
    const status = page.getByTestId('run-status');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('running');

    // Another page, at a phone's width: the header's Jobs button counts the run; the list opens by keyboard.
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${s.baseURL}#/prompts`);
    await page.getByRole('heading', { level: 1, name: 'Prompts' }).waitFor();
    const jobs = page.getByTestId('jobs-button');
    await expect.poll(() => page.getByTestId('jobs-count').textContent(), { timeout: 15_000 }).toBe('1');
    await jobs.focus();
    await page.keyboard.press('Enter');
    expect(await jobs.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await jobs.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('jobs-button');
    await page.keyboard.press('Enter');
    const list = page.getByRole('region', { name: 'Running jobs' });
    const row = list.getByTestId('job-row');
    expect(await row.getByRole('link').textContent()).toBe('Run “Stopped from the header”');
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/[1-9]\d* \/ \d+ steps/);
    const box = (await list.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);

    await row.getByRole('button', { name: 'Stop Run “Stopped from the header”' }).click();
    await list.getByText('No job is running.').waitFor({ timeout: 15_000 });

    // Runs shows it stopped where it was: paused, ready to resume.
    await page.setViewportSize({ width: 1280, height: 800 });
    await row.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await navigate(page, 'Runs');
    await page.getByRole('region', { name: 'Runs', exact: true }).getByText('Stopped from the header').first().click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 15_000 }).toBe('paused');
    expect(await page.getByTestId('jobs-indicator').count()).toBe(0);
  });
});
