// One run in two tabs of one browser (#9): pressing Start in both runs it in one tab only; the other
// says it is running in another tab, with its progress read from IndexedDB. When the running tab is
// closed, the other resumes the run, and no request the first tab answered is asked again (counted
// with each tab's scripted engine).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Session } from './harness';
import { installScriptedEngine, type ScriptedEngineHandle } from './scripted-engine';

const REPLY =
  '{"preferred": "A", "reason": "It fits me."} EVALUATION: The answer is generic. SUGGESTIONS: Be brief. REVISED PREFERENCE: A brief answer that fits. DONE';
const SCRIPT = { replies: [REPLY], tokenDelayMs: 15, loadSteps: 1 };

/** A request as the engine saw it, for comparing across tabs. */
const requestKey = (r: Record<string, unknown>) => JSON.stringify([r.messages, r.seed]);

/** The number of calls stored in the page's call cache (IndexedDB). */
function storedCalls(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('persona-lab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('llmCache').objectStore('llmCache').count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

describe('a run in two tabs', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch({ webgpu: true });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('runs in one tab only, shows its progress in the other, and is resumed there once the first tab is closed', async () => {
    const first = s.page;
    const engines = new Map<Page, ScriptedEngineHandle>([[first, installScriptedEngine(first, SCRIPT)]]);
    await first.goto(`${s.baseURL}#/runs`);
    await first.getByLabel('Persona source').locator('option').first().waitFor({ state: 'attached' });
    await first.getByLabel('How many personas').fill('2');
    await first.getByLabel('Train pairs').fill('2');
    await first.getByLabel('Seen-test pairs').fill('1');
    await first.getByLabel('Held-out pairs').fill('1');
    await expect
      .poll(() => first.getByLabel('Generator (y_l) model').locator('option').first().textContent(), { timeout: 20_000 })
      .toMatch(/WebGPU/);
    await first.getByRole('button', { name: 'Create run' }).click();
    await first.getByTestId('run-detail').waitFor();

    const second = await s.context.newPage();
    engines.set(second, installScriptedEngine(second, SCRIPT));
    await second.goto(first.url()); // #/runs?run=…: the same run
    await second.getByTestId('run-detail').waitFor();

    // Start in both tabs at once: one runs it, the other says where it runs.
    // (Clicked without waiting: a tab that hears the other start first shows no Start button any more, as it should.)
    const pressStart = (p: Page) =>
      p.evaluate(() =>
        [...document.querySelectorAll<HTMLButtonElement>('[data-testid="run-detail"] button')]
          .find((b) => b.textContent === 'Start')
          ?.click(),
      );
    await Promise.all([first, second].map(pressStart));
    const elsewhere = async (p: Page) => (await p.getByTestId('run-elsewhere').count()) > 0;
    await expect.poll(async () => (await elsewhere(first)) !== (await elsewhere(second)), { timeout: 20_000 }).toBe(true);
    const [runner, watcher] = (await elsewhere(first)) ? [second, first] : [first, second];
    expect(await watcher.getByTestId('run-status').textContent()).toBe('running in another tab');
    expect(await watcher.getByRole('button', { name: /^(Start|Resume)$/ }).count()).toBe(0);
    await engines.get(runner)!.ready();

    // The watching tab reads the run's progress from IndexedDB as the other tab goes.
    await expect
      .poll(async () => Number(/(\d+) of 8 pairs made/.exec((await watcher.getByTestId('run-elsewhere').textContent()) ?? '')?.[1] ?? 0), {
        timeout: 60_000,
        interval: 200,
      })
      .toBeGreaterThanOrEqual(2);
    expect((await engines.get(watcher)!.log())?.requests.length ?? 0).toBe(0);

    // The running tab's model stops answering; once what it answered is stored, the tab is closed.
    const runnerEngine = engines.get(runner)!;
    await runnerEngine.hold();
    let seen = -1;
    await expect
      .poll(
        async () => {
          const n = (await runnerEngine.log())?.requests.length ?? 0;
          const settled = n === seen;
          seen = n;
          return settled;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(true);
    const runnerRequests = (await runnerEngine.log())!.requests;
    // The last request arrived after the hold and was never answered; the others were, and are stored.
    const answered = runnerRequests.slice(0, -1);
    await expect.poll(() => storedCalls(watcher), { timeout: 10_000 }).toBe(answered.length);
    await runner.close();

    // The watching tab sees the lock go, marks the run interrupted, and resumes it to the end.
    await expect.poll(() => watcher.getByTestId('run-status').textContent(), { timeout: 15_000 }).toBe('interrupted');
    await watcher.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => watcher.getByTestId('run-status').textContent(), { timeout: 90_000, interval: 250 }).toBe('done');
    await expect.poll(() => watcher.getByTestId('shown-count').textContent(), { timeout: 10_000 }).toBe('8 of 8 pairs');

    const watcherRequests = (await engines.get(watcher)!.log())!.requests;
    const answeredKeys = new Set(answered.map(requestKey));
    const repeated = watcherRequests.filter((r) => answeredKeys.has(requestKey(r)));
    expect(repeated).toHaveLength(0);
    expect(new Set(watcherRequests.map(requestKey)).size).toBe(watcherRequests.length);
    // 8 pairs: their base answers (shared per prompt), 8 critiques, 8 revisions and 16 verdicts, each asked once by one of the tabs.
    const counters = (await watcher.getByTestId('run-counters').textContent()) ?? '';
    const baseAnswers = Number(/base answers: (\d+) shared/.exec(counters)?.[1] ?? 8);
    expect(answered.length + watcherRequests.length).toBe(baseAnswers + 8 + 8 + 16);
  });
});
