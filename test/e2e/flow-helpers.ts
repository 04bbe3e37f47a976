/**
 * Shared steps of the whole-workflow tests (test/e2e/flow-*.e2e.ts): what a user does on one page,
 * through roles and labels, and the scripted engine's answers to the pipeline's prompts, chosen by
 * content so the order of calls does not matter.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { EngineRule } from '../doubles/scripted-engine';

/** The WebGPU model every flow loads (q4f32: SwiftShader has no shader-f16). */
export const MODEL = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';

/** y_l for a question, as the base-answer rule writes it. */
export const ylFor = (question: string) => `A general answer to: ${question}`;
/** y_w for a question and the persona's age, as the revision rule writes it (the markers stripped). */
export const ywFor = (question: string, age: string | number | null) => `For someone aged ${age} asking "${question}": keep it short.`;

/** A judge reply in the JSON the judge prompt asks for. */
const verdict = (label: 'A' | 'B', reason: string) => JSON.stringify({ preferred: label, reason });

/**
 * Answers to the pair pipeline's four prompts, in the formats of PERSONA Appendix B:
 * - critique (`EVALUATION: … SUGGESTIONS: … DONE`) naming the persona's age; with `garbleFirstCritique`
 *   the first critique is prose without the markers, which the parser must refuse;
 * - revision (`REVISED PREFERENCE: … DONE`, in markdown after a preamble) = `ywFor(question, age)`;
 * - judge, by persona: under 30 prefers y_l, women prefer y_w, everyone else picks answer A
 *   (position bias), so the judge's two orders agree on some pairs and not on others;
 * - base answer (the bare question) = `ylFor(question)`.
 */
export function pipelineRules(o: { garbleFirstCritique?: boolean } = {}): EngineRule[] {
  const critique = 'EVALUATION: The answer ignores that this person is $1 years old. SUGGESTIONS: Speak to someone aged $1, briefly.\nDONE';
  return [
    {
      match: "^Examine the COMPLETION[^]*DEMOGRAPHIC: 'age: (\\d+)",
      replies: o.garbleFirstCritique ? ['I am not sure what you would like me to do here.', critique] : [critique],
    },
    {
      match: "^Revise the COMPLETION[^]*?with respect to INSTRUCTION: '([^]*?)' based on the CRITIQUE: '[^]*?aged (\\d+)",
      replies: ['Sure! Here is my revision.\n**REVISED PREFERENCE:** For someone aged $2 asking "$1": keep it short.\nDONE'],
    },
    { match: 'PERSON:\\nage: (?:\\d|[12]\\d)\\n[^]*ANSWER A:\\nA general answer', replies: [verdict('A', 'The plain one is enough.')] },
    { match: 'PERSON:\\nage: (?:\\d|[12]\\d)\\n[^]*This person asked', replies: [verdict('B', 'The plain one is enough.')] },
    { match: 'PERSON:\\n[^]*^sex: Female$[^]*ANSWER A:\\nFor someone aged', flags: 'm', replies: [verdict('A', 'It speaks to me.')] },
    { match: 'PERSON:\\n[^]*^sex: Female$[^]*This person asked', flags: 'm', replies: [verdict('B', 'It speaks to me.')] },
    { match: 'PERSON:\\n[^]*This person asked', replies: [verdict('A', 'The first one, I suppose.')] },
    { match: '^([^]+)$', replies: ['A general answer to: $1'] },
  ];
}

/** The judge's winner under `pipelineRules` for a persona text, given which answer is shown first. */
export function expectedWinner(persona: string, shownFirst: 'yw' | 'yl'): 'yw' | 'yl' {
  const age = Number(/^age: (\d+)$/m.exec(persona)?.[1]);
  if (age < 30) return 'yl';
  if (/^sex: Female$/m.test(persona)) return 'yw';
  return shownFirst;
}

/** Clicks something that downloads a file; resolves to the file's name and text. */
export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string; path: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = (await d.path())!;
  return { name: d.suggestedFilename(), text: readFileSync(path, 'utf8'), path };
}

/** Goes to a page through the main navigation, as a user would. */
export async function navigate(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: title, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** Generates a persona set on the Personas page and waits for it to be shown. */
export async function generatePersonaSet(page: Page, o: { count: number; seed: string; name: string }): Promise<void> {
  const form = page.getByRole('form', { name: 'Generate a persona set' });
  await form.getByLabel('Number of personas').fill(String(o.count));
  await form.getByLabel('Seed').fill(o.seed);
  await form.getByLabel('Set name').fill(o.name);
  await form.getByRole('button', { name: 'Generate' }).click();
  await page.getByTestId('set-header').getByRole('heading', { name: o.name }).waitFor({ timeout: 30_000 });
}

/** Loads the flows' model on the Models page (the scripted engine must be installed in the LLM worker). */
export async function loadModel(page: Page): Promise<void> {
  const panel = page.getByRole('region', { name: 'Load' });
  await panel.getByRole('button', { name: `Load ${MODEL}` }).click();
  await panel.getByText('loaded', { exact: true }).waitFor({ timeout: 20_000 });
}

/** A run's options on the Runs page. */
export interface RunForm {
  readonly name: string;
  /** The persona source as listed, e.g. "Set: Flow set" or "Examples". */
  readonly source: string;
  readonly personas: number;
  readonly plan: { readonly train: number; readonly seenTest: number; readonly heldout: number };
  readonly attempts?: number;
  readonly seed?: number;
}

/** Fills the "New run" form with the WebGPU model in every role and one judge, creates the run and opens it. */
export async function createRun(page: Page, o: RunForm): Promise<void> {
  const form = page.getByRole('region', { name: 'New run' });
  await expect.poll(() => form.getByLabel('Persona source').locator('option').allTextContents(), { timeout: 15_000 }).toContain(o.source);
  await form.getByLabel('Name', { exact: true }).fill(o.name);
  await form.getByLabel('Persona source').selectOption(o.source);
  await form.getByLabel('How many personas').fill(String(o.personas));
  await form.getByLabel('Prompt set').selectOption({ index: 0 });
  await form.getByLabel('Train pairs').fill(String(o.plan.train));
  await form.getByLabel('Seen-test pairs').fill(String(o.plan.seenTest));
  await form.getByLabel('Held-out pairs').fill(String(o.plan.heldout));
  for (const role of ['Generator (y_l)', 'Critic (critique and y_w)', 'Judge 1']) {
    await expect.poll(() => form.getByLabel(`${role} model`).inputValue(), { timeout: 20_000 }).toBe(`webllm:${MODEL}`);
  }
  if (o.attempts !== undefined) await form.getByLabel('Attempts per stage').fill(String(o.attempts));
  if (o.seed !== undefined) await form.getByLabel('Seed', { exact: true }).fill(String(o.seed));
  const pairs = o.personas * (o.plan.train + o.plan.seenTest + o.plan.heldout);
  await form.getByText(`${pairs} pairs from ${o.personas} personas`).waitFor();
  await form.getByRole('button', { name: 'Create run' }).click();
  await page.getByRole('heading', { level: 2, name: o.name }).waitFor();
}

/** The done count of a stage in the open run's progress ("3/18" → 3); 0 while not shown. */
export async function stageDone(page: Page, stage: 'base' | 'critique' | 'revise' | 'judge'): Promise<number> {
  const text =
    (await page
      .getByTestId(`stage-${stage}`)
      .textContent({ timeout: 200 })
      .catch(() => '')) ?? '';
  return Number(text.split('/')[0] || 0);
}
