// Persona sets in real Chromium against the production build: generating gives byte-for-byte the
// set Node gives; browsing, searching and the card; the census comparison; export; import errors;
// a share link regenerating the same set in a fresh browser; the chat listing generated personas;
// and the LLM review through the scripted engine in the LLM worker.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCensusSource } from '../../src/core/personas/census-source';
import { generatePersonas } from '../../src/core/personas/generate';
import { readPersonaFile, setFingerprint, toJsonl } from '../../src/core/personas/io';
import { renderPersona } from '../../src/core/personas/render';
import { launch, type Session } from './harness';
import { installScriptedEngine, type ScriptedEngineHandle } from './scripted-engine';

const PARAMS = { seed: 'e2e-seed', count: 300, minAge: 0, maxAge: 99 };

async function generate(s: Session, count: number, seed: string) {
  const form = s.page.getByRole('form', { name: 'Generate a persona set' });
  await form.getByLabel('Number of personas').fill(String(count));
  await form.getByLabel('Seed').fill(seed);
  await form.getByRole('button', { name: 'Generate' }).click();
  await s.page
    .getByTestId('set-header')
    .getByText(`${count.toLocaleString('en-US')} personas (`)
    .waitFor({ timeout: 60_000 });
}

describe('persona sets in the browser', () => {
  let s: Session;
  let engine: ScriptedEngineHandle;
  let nodeJsonl: string;
  let nodeFingerprint: string;
  beforeAll(async () => {
    const personas = generatePersonas(await defaultCensusSource(), { seed: PARAMS.seed, count: PARAMS.count });
    nodeJsonl = toJsonl(personas);
    nodeFingerprint = setFingerprint(personas);
    s = await launch({ webgpu: true });
    engine = installScriptedEngine(s.page, {
      replies: ['IMPLAUSIBLE\nA toddler with a doctorate.', 'IMPLAUSIBLE\nStill odd.', 'PLAUSIBLE\nConsistent.'],
    });
    await s.page.goto(`${s.baseURL}#/personas`);
    await s.page.getByRole('heading', { name: 'Personas', level: 1 }).waitFor();
  });
  afterAll(async () => {
    engine?.dispose();
    await s?.close();
  });

  it('generates in the compute worker exactly the set Node generates, and exports it byte for byte', async () => {
    await generate(s, PARAMS.count, PARAMS.seed);
    expect(await s.page.getByTestId('set-header').getAttribute('data-fingerprint')).toBe(nodeFingerprint);
    expect(await s.page.getByTestId('set-header').textContent()).toContain('300 personas (189 train, 111 test)');
    const download = s.page.waitForEvent('download');
    await s.page.getByRole('button', { name: 'Export JSONL' }).click();
    const file = await (await download).path();
    expect(readFileSync(file, 'utf8')).toBe(nodeJsonl);
    const csv = s.page.waitForEvent('download');
    await s.page.getByRole('button', { name: 'Export CSV' }).click();
    expect(readFileSync(await (await csv).path(), 'utf8').split('\r\n')[0]).toMatch(/^id,split,age,sex,race,ancestry/);
  });

  it('browses, searches and filters the virtualised list and shows a card with the model text', async () => {
    const { page } = s;
    expect(await page.getByTestId('shown-count').textContent()).toBe('300 of 300');
    // Virtualised: far fewer rows in the DOM than personas.
    const rows = await page.locator('[data-persona-id]').count();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(60);
    await page.getByLabel('Split').selectOption('test');
    expect(await page.getByTestId('shown-count').textContent()).toBe('111 of 300');
    await page.getByLabel('Split').selectOption('all');
    await page.getByLabel('Search personas').fill('too young to have political views');
    const kids = Number((await page.getByTestId('shown-count').textContent())!.split(' ')[0]);
    expect(kids).toBeGreaterThan(20);
    expect(kids).toBeLessThan(150);
    await page.locator('[data-persona-id]').first().click();
    const card = page.getByTestId('persona-card');
    await card.waitFor();
    expect(await card.getByTestId('persona-text').textContent()).toContain('political views: Too young to have political views');
    await page.getByLabel('Search personas').fill('');
  });

  it('shows the census comparison: ten charts with a distance each', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Census comparison' }).click();
    const charts = page.locator('figure.chart');
    await expect.poll(() => charts.count()).toBe(10);
    expect(await charts.locator('canvas').count()).toBe(10);
    const mean = Number(await page.getByTestId('mean-tvd').textContent());
    expect(mean).toBeGreaterThan(0);
    expect(mean).toBeLessThan(0.1);
    await page.getByRole('tab', { name: 'Personas' }).click();
  });

  it('refuses a malformed import naming line and field, and imports a valid file', async () => {
    const { page } = s;
    const dir = mkdtempSync(join(tmpdir(), 'personas-import-'));
    const lines = nodeJsonl.trim().split('\n').slice(0, 5);
    const bad = JSON.parse(lines[2]!);
    bad.income = 'lots';
    const badFile = join(dir, 'bad.jsonl');
    // A BOM, a damaged line (cut off mid-string) and an ill-typed field: each named by file, line and field.
    writeFileSync(
      badFile,
      ['\uFEFF' + lines[0], lines[1]!.slice(0, lines[1]!.indexOf('"split":"') + 11), JSON.stringify(bad)].join('\r\n'),
    );
    await page.getByLabel('Import personas').setInputFiles(badFile);
    const problems = page.getByRole('list', { name: 'Import problems' });
    await problems.getByText(/^bad\.jsonl, line 3, field "income": /).waitFor();
    expect(await problems.locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^bad\.jsonl, line 2: not valid JSON \(unterminated string at column \d+\)$/),
      expect.stringMatching(/^bad\.jsonl, line 3, field "income": /),
    ]);
    expect(await page.getByTestId('sets-error').textContent()).toContain('bad.jsonl was not imported');
    const goodFile = join(dir, 'five.jsonl');
    writeFileSync(goodFile, lines.join('\n') + '\n');
    await page.getByLabel('Import personas').setInputFiles(goodFile);
    await page.getByTestId('set-header').getByText('5 personas (').waitFor();
    await expect.poll(() => page.getByRole('navigation', { name: 'Persona sets' }).getByRole('button').count()).toBe(2);
    // The same file again is a new set, and the page says which stored set it matches; nothing is overwritten.
    await page.getByLabel('Import personas').setInputFiles(goodFile);
    await expect
      .poll(() => page.getByTestId('sets-notice').textContent())
      .toMatch(/^five\.jsonl holds the same personas as the stored set "five"/);
    await expect.poll(() => page.getByRole('navigation', { name: 'Persona sets' }).getByRole('button').count()).toBe(3);
  });

  it('opens a share link in a fresh browser and regenerates the very same set', async () => {
    const { page } = s;
    await page
      .getByRole('navigation', { name: 'Persona sets' })
      .getByRole('button', { name: /300 personas · seed e2e-seed/ })
      .click();
    const href = await page.getByTestId('share-link').getAttribute('href');
    expect(href).toMatch(/#\/personas\?seed=e2e-seed&count=300&model=[0-9a-f]{16}&fp=[0-9a-f]{32}/);
    const other = await launch();
    try {
      await other.page.goto(href!.replace(/^https?:\/\/[^/]+\//, other.baseURL));
      const outcome = other.page.getByTestId('share-outcome');
      await outcome.waitFor({ timeout: 60_000 });
      expect(await outcome.getAttribute('data-matches')).toBe('true');
      expect(await other.page.getByTestId('set-header').getAttribute('data-fingerprint')).toBe(nodeFingerprint);
    } finally {
      await other.close();
    }
  });

  it("offers each stored set as a list in the chat's persona picker, searched and virtualised", async () => {
    const { page } = s;
    await page.goto(`${s.baseURL}#/chat`);
    const lists = page.getByLabel('Persona list');
    await expect.poll(() => lists.locator('option[value^="set:"]').count(), { timeout: 20_000 }).toBe(3); // the generated set, the imported five and its second import
    const value = await lists.locator('option', { hasText: /^Set: 300 personas · seed e2e-seed \(300\)$/ }).getAttribute('value');
    await lists.selectOption(value!);
    const count = page.getByTestId('picker-count');
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe('300 of 300');
    const rows = await page.getByTestId('picker-list').locator('[data-option-id]').count();
    expect(rows).toBeGreaterThan(3);
    expect(rows).toBeLessThan(40);
    await page.getByLabel('Search the list').fill('too young to have political views');
    await expect.poll(async () => Number((await count.textContent())!.split(' ')[0])).toBeLessThan(150);
    expect(Number((await count.textContent())!.split(' ')[0])).toBeGreaterThan(20);
    const first = page.getByTestId('picker-list').locator('[data-option-id]').first();
    const id = await first.getAttribute('data-option-id');
    expect(id).toMatch(new RegExp(`^${value}:`));
    await first.click();
    expect(await first.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('chosen-persona').textContent()).toContain('Set: 300 personas');
    await page.getByText('What the model is told').click();
    expect(await page.locator('.persona-text').textContent()).toContain('political views: Too young to have political views');
  });

  it('reviews a set with the model in the LLM worker, redrawing rejected personas', async () => {
    const { page } = s;
    await page.goto(`${s.baseURL}#/models`);
    await engine.ready();
    await page.getByRole('button', { name: 'Load Llama-3.2-1B-Instruct-q4f32_1-MLC' }).click();
    await page.getByText('Ready: open the').waitFor({ timeout: 60_000 });
    await page.goto(`${s.baseURL}#/personas`);
    await generate(s, 12, 'review-seed');
    const before = await page.getByTestId('set-header').getAttribute('data-fingerprint');
    await page.getByRole('button', { name: 'Review plausibility' }).click();
    const report = page.getByTestId('review-report');
    await report.waitFor({ timeout: 60_000 });
    expect(await report.textContent()).toMatch(/Review: 2 of 14 candidates judged implausible \(14\.3%; first drafts 8\.3%/);
    await expect.poll(() => page.getByTestId('set-header').getAttribute('data-fingerprint')).not.toBe(before);
    // The review made a reviewed copy: a set changed by a model cannot be regenerated from its parameters, so the copy has no share link.
    expect(await page.getByTestId('set-header').textContent()).toMatch(/\(reviewed\)[^]*Reviewed copy of “.*” by webllm/);
    expect(await page.getByTestId('share-link').count()).toBe(0);
    // The set reviewed is as it was, share link included.
    const sets = page.getByRole('navigation', { name: 'Persona sets' });
    await sets
      .getByRole('button', { name: /^12 personas · seed review-seed/ })
      .filter({ hasNotText: '(reviewed)' })
      .click();
    await expect.poll(() => page.getByTestId('set-header').getAttribute('data-fingerprint')).toBe(before);
    expect(await page.getByTestId('share-link').count()).toBe(1);
  });

  it('opens the chat with a persona from its card, and the model is told that persona', async () => {
    const { page } = s;
    const parsed = await readPersonaFile('node.jsonl', nodeJsonl);
    if (!parsed.ok) throw new Error('the Node set does not parse');
    const persona = parsed.personas[42]!;
    await page.goto(`${s.baseURL}#/personas`);
    await page
      .getByRole('navigation', { name: 'Persona sets' })
      .getByRole('button', { name: /300 personas · seed e2e-seed/ })
      .click();
    await page.getByLabel('Search personas').fill(persona.id);
    await page.locator(`[data-persona-id="${persona.id}"]`).click();
    await page.getByTestId('chat-with-persona').click();
    await page.getByRole('heading', { name: 'Chat', level: 1 }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/chat');
    const option = page.locator(`[data-option-id$=":${persona.id}"][aria-pressed="true"]`);
    await option.waitFor({ timeout: 20_000 });
    expect(await option.getAttribute('data-option-id')).toBe(`${await page.getByLabel('Persona list').inputValue()}:${persona.id}`);
    expect(await page.getByLabel('Persona list').inputValue()).toMatch(/^set:set-[0-9a-f]{16}$/);
    expect(await page.getByTestId('chosen-persona').textContent()).toContain(String(persona.age));

    const before = (await engine.log())?.requests.length ?? 0;
    await page.getByLabel('Message').fill('Who are you?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('li[data-role="assistant"]:not([data-streaming])').last().waitFor({ timeout: 20_000 });
    const log = await engine.log();
    const request = log!.requests[before] as { messages: { role: string; content: string }[] };
    expect(request.messages[0]!.content).toContain(renderPersona(persona));
  });

  it('cancels a generation in progress: nothing is stored, and the next generation runs', async () => {
    const { page } = s;
    await page.goto(`${s.baseURL}#/personas`);
    const sets = page.getByRole('navigation', { name: 'Persona sets' }).getByRole('button');
    await expect.poll(() => sets.count()).toBeGreaterThan(0);
    const stored = await sets.count();
    const form = page.getByRole('form', { name: 'Generate a persona set' });
    await form.getByLabel('Number of personas').fill('200000');
    await form.getByLabel('Seed').fill('cancel-me');
    await form.getByRole('button', { name: 'Generate' }).click();
    await expect
      .poll(async () => Number(await form.getByLabel('Generation progress').getAttribute('value')), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByTestId('sets-notice').textContent()).toBe('Generation cancelled; nothing was stored.');
    expect(await form.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
    expect(await sets.count()).toBe(stored);
    expect(
      await page.evaluate(async () => {
        const req = indexedDB.open('persona-lab');
        const db: IDBDatabase = await new Promise(
          (res, rej) => ((req.onsuccess = () => res(req.result)), (req.onerror = () => rej(req.error))),
        );
        return new Promise<number>((res) => {
          const c = db.transaction('personaSets').objectStore('personaSets').count();
          c.onsuccess = () => res(c.result);
        });
      }),
    ).toBe(stored);
    // The compute worker was stopped; the next job starts a fresh one.
    await generate(s, 7, 'after-cancel');
    expect(await sets.count()).toBe(stored + 1);
    expect(await page.getByTestId('sets-notice').count()).toBe(0);
  });
});
