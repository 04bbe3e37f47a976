/**
 * PERSONA Bench in the page: the list of benches on this machine, creating one per chosen model,
 * running them one after another (stop and resume), their live progress, and the leaderboard of every
 * bench (model × method), exported as CSV or JSON. One instance lives for the whole app
 * (`app().bench`, in the composition root), so a bench keeps going, with its progress and Stop button, when the user leaves the
 * page. A bench found "running" with nobody running it was cut short by a reload: it is shown as
 * interrupted, ready to resume.
 */
import { version } from '../../package.json';
import { createBench, type NewBench } from '../core/bench/create';
import { leaderboard, leaderboardCsv, leaderboardJson, type LeaderboardRow } from '../core/bench/export';
import type { BenchCounters, BenchRecord, BenchSample, SampleStage } from '../core/bench/records';
import { executeBench, type BenchClients, type BenchProgress } from '../core/bench/runner';
import { modelLabel, type ModelRef, type RoleSpec } from '../core/pipeline/config';
import type { Lanes } from '../core/pipeline/lanes';
import type { DexieBenchStore } from '../db/bench-store';
import { downloadText } from '../platform/download';
import { heldJobs, withJobLock } from '../platform/job-lock';
import type { MeasuredSpeed } from '../core/jobs/estimate';
import type { JobInfo } from './jobs';
import { OtherTabJobs } from './OtherTabJobs.svelte';
import { clientFor } from './role-models';
import { asProblem, type Problem } from './Runs.svelte';
import type { Services } from './services';
import { Stored } from './Stored.svelte';

/** Persona Lab's version for manifests (package.json, read at build time). */
const APP_VERSION: string = version;

export class BenchRuns {
  #list = new Stored<readonly BenchRecord[]>(() => this.#store.listBenches(), []);
  #queue = $state.raw<readonly string[]>([]);
  #current = $state<string | undefined>();
  #progress = $state.raw<Readonly<Record<string, BenchProgress>>>({});
  #live = $state.raw<{ benchId: string; sampleId: string; stage: SampleStage; text: string } | undefined>();
  #lastSample = $state.raw<Readonly<Record<string, BenchSample>>>({});
  #problem = $state.raw<Problem | undefined>();

  /** Every bench's model × method with results, best first. */
  readonly leaderboard: LeaderboardRow[] = $derived(leaderboard(this.#list.current));

  readonly #store: DexieBenchStore;
  readonly #lanes: Lanes;
  readonly #services: Services;
  #controller: AbortController | undefined;
  #loaded: Promise<void> | undefined;
  #draining: Promise<void> | undefined;

  /** Every bench, newest first. */
  get list() {
    return this.#list.current;
  }
  /** Ids of benches going now (at most one) and waiting their turn, in order. */
  get queue() {
    return this.#queue;
  }
  /** The bench going now. */
  get current() {
    return this.#current;
  }
  /** Live progress by bench id. */
  get progress() {
    return this.#progress;
  }
  /** The call being generated: bench, sample, stage and the text so far. */
  get live() {
    return this.#live;
  }
  /** The last sample that changed, per bench (the results view refreshes on it). */
  get lastSample() {
    return this.#lastSample;
  }
  /** The last failure. */
  get problem() {
    return this.#problem;
  }

  constructor(store: DexieBenchStore, lanes: Lanes, s: Services) {
    this.#store = store;
    this.#lanes = lanes;
    this.#services = s;
    this.elsewhere = new OtherTabJobs(
      'bench',
      () => (this.current ? [this.current] : []),
      (freed) => this.#othersChanged(freed),
    );
  }

  /** Benches going in another tab of the app (their lock is held there). */
  readonly elsewhere: OtherTabJobs;

  /** The store (the results view reads samples from it). */
  get store(): DexieBenchStore {
    return this.#store;
  }

  /** Reads the benches (once; marks orphaned "running" ones as interrupted). */
  load(): Promise<void> {
    this.#loaded ??= (async () => {
      const held = await heldJobs('bench');
      for (const b of await this.#store.listBenches()) {
        if (b.status === 'running' && this.#current !== b.id && !held.has(b.id))
          await this.#store.putBench({
            ...b,
            status: 'interrupted',
            error: 'The page was closed or reloaded while the bench was going; resume it to go on.',
            updatedAt: Date.now(),
          });
      }
      await this.refresh();
      await this.elsewhere.check();
    })();
    return this.#loaded;
  }

  /** Re-reads the list. */
  async refresh(): Promise<void> {
    await this.#list.refresh();
  }

  /** Calls of earlier benches of a model on this machine, for time estimates. */
  measured(ref: ModelRef): Pick<BenchCounters, 'callMs' | 'freshCalls'> {
    const key = modelLabel(ref);
    let callMs = 0;
    let freshCalls = 0;
    for (const b of this.#list.current)
      if (modelLabel(b.config.model.model) === key) {
        callMs += b.counters.callMs;
        freshCalls += b.counters.freshCalls;
      }
    return { callMs, freshCalls };
  }

  /** Creates one bench per model (the same design otherwise) and runs them in turn; resolves to their ids. */
  async createAndStart(models: readonly RoleSpec[], input: Omit<NewBench, 'appVersion' | 'id'>): Promise<string[]> {
    this.#problem = undefined;
    const ids: string[] = [];
    try {
      for (const [i, model] of models.entries()) {
        const name = models.length > 1 ? `${input.name} · ${model.model.model}` : input.name;
        const config = { ...input.config, model };
        const b = await createBench(this.#store, {
          ...input,
          name,
          config,
          appVersion: APP_VERSION,
          id: `bench-${Date.now().toString(36)}-${i}`,
        });
        ids.push(b.id);
      }
    } catch (e) {
      this.#problem = asProblem(e);
    }
    await this.refresh();
    for (const id of ids) this.enqueue(id);
    return ids;
  }

  /** Puts a bench in the queue (starting it when nothing else runs). */
  enqueue(id: string): void {
    if (this.#queue.includes(id)) return;
    this.#queue = [...this.#queue, id];
    this.#draining ??= this.#drain().finally(() => (this.#draining = undefined));
  }

  /** Stops the running bench after the calls in flight (it can be resumed) and empties the queue. */
  stop(): void {
    this.#queue = this.#current ? [this.#current] : [];
    this.#controller?.abort();
  }

  /** Deletes a bench and its samples (the call cache stays). */
  async remove(id: string): Promise<void> {
    if (this.#current === id) this.stop();
    this.#queue = this.#queue.filter((q) => q !== id);
    await this.#draining;
    await this.#store.deleteBench(id);
    await this.refresh();
  }

  /** Downloads the leaderboard. */
  downloadLeaderboard(format: 'csv' | 'json'): void {
    const stamp = new Date().toISOString().slice(0, 10);
    if (format === 'csv') downloadText(`persona-bench-leaderboard-${stamp}.csv`, leaderboardCsv(this.leaderboard), 'text/csv');
    else downloadText(`persona-bench-leaderboard-${stamp}.json`, leaderboardJson(this.leaderboard), 'application/json');
  }

  async #drain(): Promise<void> {
    while (this.#queue.length) {
      const id = this.#queue[0] as string;
      try {
        await this.#runLocked(id);
      } catch (e) {
        this.#problem = asProblem(e); // the store failed while the bench was being set up or wound down
        this.#queue = [id];
      }
      this.#queue = this.#queue.filter((q) => q !== id);
    }
  }

  async #run(id: string): Promise<void> {
    const bench = await this.#store.getBench(id);
    if (!bench) return;
    const controller = (this.#controller = new AbortController());
    this.#current = id;
    try {
      await this.#store.putBench({ ...bench, status: 'running', updatedAt: Date.now() });
      await this.refresh();
      const outcome = await executeBench(id, {
        store: this.#store,
        clients: await this.#clients(bench),
        signal: controller.signal,
        progressIntervalMs: 300,
        onProgress: (p) => (this.#progress = { ...this.#progress, [id]: p }),
        onSample: (s) => (this.#lastSample = { ...this.#lastSample, [id]: s }),
        onLiveText: (sampleId, stage, text) => (this.#live = { benchId: id, sampleId, stage, text }),
      });
      if (outcome.status === 'failed' && outcome.error) {
        this.#problem = { message: outcome.error };
        this.#queue = [id]; // the benches after it would meet the same failure
      }
    } catch (e) {
      this.#problem = asProblem(e);
      const b = await this.#store.getBench(id);
      if (b) await this.#store.putBench({ ...b, status: 'interrupted', error: this.#problem.message, updatedAt: Date.now() });
      this.#queue = [id];
    } finally {
      this.#live = undefined;
      this.#current = undefined;
      this.#controller = undefined;
      await this.refresh();
    }
  }

  async #clients(b: BenchRecord): Promise<BenchClients> {
    const c = b.config;
    const make = async (r: RoleSpec) => this.#lanes.wrap(await clientFor(r.model, this.#services), c.concurrency, r.model.baseUrl);
    return { model: await make(c.model), critic: await make(c.critic), ...(c.subtlety ? { subtlety: await make(c.subtlety) } : {}) };
  }

  /** Runs a bench under its cross-tab lock; one going in another tab is left to it (`problem` says so). */
  async #runLocked(id: string): Promise<void> {
    const { ran } = await withJobLock('bench', id, () => this.#run(id));
    if (ran) return;
    this.#problem = {
      message: `“${this.list.find((b) => b.id === id)?.name ?? id}” is running in another tab of Persona Lab.`,
      hint: 'Stop it in that tab (or close that tab) to run it here.',
    };
    this.#queue = [];
    await this.elsewhere.check();
  }

  /** After each reading of the other tabs' locks: benches let go while "running" are marked interrupted; the list re-read. */
  async #othersChanged(freed: readonly string[]): Promise<void> {
    try {
      for (const id of freed) {
        const b = await this.#store.getBench(id);
        if (b?.status === 'running' && this.current !== id)
          await this.#store.putBench({
            ...b,
            status: 'interrupted',
            error: 'The tab running it was closed or reloaded; resume it to go on.',
            updatedAt: Date.now(),
          });
      }
      await this.refresh();
    } catch (e) {
      this.#problem = asProblem(e);
    }
  }

  /** A model's measured speed from earlier benches on this machine (for estimates of any job). */
  speed(ref: ModelRef): MeasuredSpeed {
    const m = this.measured(ref);
    return { calls: m.freshCalls, ms: m.callMs };
  }

  /** The bench going now and those queued, and those going in another tab, for the header's jobs list. */
  get runningJobs(): JobInfo[] {
    const name = (id: string) => this.list.find((b) => b.id === id)?.name ?? id;
    const going: JobInfo[] = this.queue.map((id) => {
      const p = this.progress[id]?.samples;
      const now = id === this.current;
      return {
        id: `bench:${id}`,
        kind: 'bench',
        label: `Bench “${name(id)}”${now ? '' : ' (queued)'}`,
        href: '#/bench',
        done: now && p ? p.done + p.failed + p.missing : 0,
        total: now && p ? p.total : 0,
        unit: 'samples',
        stop: () => this.stop(),
      };
    });
    const there = [...this.elsewhere.ids].map((id): JobInfo => ({
      id: `bench:${id}`,
      kind: 'bench',
      label: `Bench “${name(id)}”`,
      href: '#/bench',
      done: 0,
      total: 0,
      unit: 'samples',
      elsewhere: true,
    }));
    return [...going, ...there];
  }
}
