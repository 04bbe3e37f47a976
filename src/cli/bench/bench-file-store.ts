/**
 * The bench store of the CLI: the output directory holds the call cache (`cache.jsonl`, through the
 * runs' `FileStore`, which also keeps two processes from writing one directory at once), the samples
 * as an append-only log (`bench-samples.jsonl`: a full sample, or its header plus the one stage that
 * changed) and the bench records (`benches/<id>.json`). Only byte offsets are kept in memory; a line
 * cut short by a crash is skipped on the next open.
 */
import { closeSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRecord, BenchSample, SampleStage } from '../../core/bench/records';
import type { BenchStore } from '../../core/bench/store';
import type { CachedCall } from '../../core/pipeline/cache';
import type { StageState } from '../../core/pipeline/records';
import { FileStore, Log, writeAtomic, type Span } from '../pipeline/file-store';

type SampleLine = {
  readonly id: string;
  readonly sample: Omit<BenchSample, 'stages'>;
  readonly stages: BenchSample['stages'];
  readonly full: boolean;
};

/** A `BenchStore` in a directory. Call `close()` when done. */
export class FileBenchStore implements BenchStore {
  readonly #calls: FileStore;
  readonly #samples: Log;
  readonly #index = new Map<string, Span[]>();
  readonly #dir: string;

  /** Opens (or creates) the store in `dir`; throws when another live process holds it. */
  constructor(dir: string) {
    this.#calls = new FileStore(dir);
    this.#dir = join(dir, 'benches');
    mkdirSync(this.#dir, { recursive: true });
    this.#samples = new Log(join(dir, 'bench-samples.jsonl'));
    this.#samples.scan((line, span) => {
      const raw = /^\{"id":"((?:[^"\\]|\\.)+)"/.exec(line)?.[1];
      if (!raw) return;
      const id = JSON.parse(`"${raw}"`) as string;
      const list = this.#index.get(id);
      if (line.includes('"full":true') || !list) this.#index.set(id, [span]);
      else list.push(span);
    });
  }

  async getBench(id: string): Promise<BenchRecord | undefined> {
    const path = join(this.#dir, `${id}.json`);
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as BenchRecord) : undefined;
  }
  async listBenches(): Promise<BenchRecord[]> {
    const all = readdirSync(this.#dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(this.#dir, f), 'utf8')) as BenchRecord);
    return all.sort((a, b) => b.createdAt - a.createdAt);
  }
  async putBench(bench: BenchRecord): Promise<void> {
    writeAtomic(join(this.#dir, `${bench.id}.json`), JSON.stringify(bench));
  }
  async deleteBench(id: string): Promise<void> {
    rmSync(join(this.#dir, `${id}.json`), { force: true });
    for (const key of [...this.#index.keys()]) if (key.startsWith(`${id}:`)) this.#index.delete(key);
  }

  async getSample(id: string): Promise<BenchSample | undefined> {
    const spans = this.#index.get(id);
    if (!spans) return undefined;
    let header: Omit<BenchSample, 'stages'> | undefined;
    const stages: Record<string, StageState> = {};
    for (const span of spans) {
      const line = this.#samples.read(span) as SampleLine;
      header = line.sample;
      Object.assign(stages, line.stages);
    }
    return header ? ({ ...header, stages } as BenchSample) : undefined;
  }
  async *listSamples(benchId: string): AsyncIterable<BenchSample> {
    const ids = [...this.#index.keys()].filter((k) => k.startsWith(`${benchId}:`)).sort();
    for (const id of ids) {
      const s = await this.getSample(id);
      if (s) yield s;
    }
  }

  getCall(key: string): Promise<CachedCall | undefined> {
    return this.#calls.getCall(key);
  }
  async checkpoint(sample: BenchSample, call?: CachedCall, changed?: SampleStage): Promise<void> {
    if (call) await this.#calls.checkpoint(undefined, call);
    const { stages, ...header } = sample;
    const known = this.#index.get(sample.id);
    const stage = changed && stages[changed];
    const line: SampleLine =
      stage && known
        ? { id: sample.id, sample: header, stages: { [changed]: stage }, full: false }
        : { id: sample.id, sample: header, stages, full: true };
    const span = this.#samples.append(line);
    if (!line.full && known) known.push(span);
    else this.#index.set(sample.id, [span]);
  }

  /** Closes the files and releases the directory. */
  close(): void {
    this.#calls.close();
    closeSync(this.#samples.fd);
  }
}
