/**
 * The only swap end-to-end tests make: the engine inside the app's LLM worker. `installScriptedEngine`
 * watches the page for LLM workers and, in each one, sets the factory the worker consults before it
 * would create web-llm's `MLCEngine` (`globalThis.__personaLabEngineFactory`, see workers/llm.worker.ts).
 * The scripted engine's source travels with Playwright's `Worker.evaluate`, so the production build
 * holds the hook but never the double.
 */
import type { Page, Worker } from 'playwright-core';
import { createScriptedEngine, type EngineScript, type ScriptedEngineLog } from '../doubles/scripted-engine';

/** Control over the scripted engine in a page. */
export interface ScriptedEngineHandle {
  /**
   * Resolves with the LLM worker once the scripted engine is installed in it. The app starts the
   * worker lazily (the Models and Chat pages do), so call this after navigating there and before
   * anything loads a model.
   */
  ready(): Promise<Worker>;
  /** Resolves once the engine is installed in the next LLM worker the page starts (after a reload, say). */
  next(): Promise<Worker>;
  /** What the engine in the current worker recorded (reloads, requests, interrupts, unloads). */
  log(): Promise<ScriptedEngineLog | undefined>;
  /**
   * Makes the engine in the current worker answer nothing more (calls under way and new ones wait
   * for ever), so that `log()` afterwards is complete until the page reloads.
   */
  hold(): Promise<void>;
  /** Stops installing into workers started from now on. */
  dispose(): void;
}

const isLlmWorker = (w: Worker) => /llm\.worker/.test(w.url());

/** Installs the scripted engine into every LLM worker the page starts from now on (and one already running). */
export function installScriptedEngine(page: Page, script: EngineScript): ScriptedEngineHandle {
  if (script.respond) throw new Error('installScriptedEngine: `respond` is a function and cannot reach the browser; use `replies`.');
  const source = `(() => {
    const create = ${createScriptedEngine.toString()};
    const script = ${JSON.stringify(script)};
    globalThis.__personaLabEngineFactory = (config) => (globalThis.__personaLabScriptedEngine = create(script, config));
    return true;
  })()`;
  let latest: Promise<Worker> | undefined;
  let waiting: ((w: Promise<Worker>) => void)[] = [];
  const install = (w: Worker) => {
    if (!isLlmWorker(w)) return;
    const installed = w.evaluate(source).then(() => w);
    installed.catch(() => {}); // a worker that ends first (page reloaded, browser closed) only fails `ready()`
    latest = installed;
    for (const resolve of waiting) resolve(latest);
    waiting = [];
  };
  page.on('worker', install);
  for (const w of page.workers()) install(w);
  const next = () => new Promise<Promise<Worker>>((resolve) => waiting.push(resolve)).then((p) => p);
  return {
    ready: () => latest ?? next(),
    next,
    async log() {
      const w = await latest;
      return w?.evaluate(() => (globalThis as { __personaLabScriptedEngine?: { log: ScriptedEngineLog } }).__personaLabScriptedEngine?.log);
    },
    async hold() {
      const w = await latest;
      await w?.evaluate(() => (globalThis as { __personaLabScriptedEngine?: { hold(): void } }).__personaLabScriptedEngine?.hold());
    },
    dispose: () => void page.off('worker', install),
  };
}
