/**
 * The pipeline store of the CLI: a directory of append-only logs. `cache.jsonl` holds one cached
 * call per line; `items.jsonl` holds item changes (a full item, or its header plus the one stage
 * that changed); `runs/<id>.json` holds run records. Only byte offsets are kept in memory, so a
 * long run's memory stays flat; a line cut short by a crash is skipped on the next open.
 * A lock file, created exclusively, stops two processes from writing one directory at once (a dead
 * owner's lock is taken over, one taker at a time); see `lock.ts`.
 */
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { asOutputError, writeFileAtomic } from '../output-files';
import { releaseLock, takeLock } from './lock';
import type { CachedCall } from '../../core/pipeline/cache';
import type { RunItem, RunRecord, StageState } from '../../core/pipeline/records';
import type { PipelineStore } from '../../core/pipeline/store';

/** Where a line is in a log: its byte offset and length. */
export type Span = readonly [offset: number, length: number];
type ItemLine = { readonly item: Omit<RunItem, 'stages'>; readonly stages: Record<string, StageState>; readonly full: boolean };

/** An append-only JSONL log with an in-memory index of line positions (the bench store keeps its samples in one too). */
export class Log {
  readonly fd: number;
  size: number;
  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
    } catch (e) {
      throw asOutputError(e, 'run log', path);
    }
    this.size = fstatSync(this.fd).size;
  }

  /** Calls `each` with every complete line and its span; a torn last line is cut off. */
  scan(each: (line: string, span: Span) => void): void {
    const chunk = Buffer.alloc(1 << 20);
    let carry = Buffer.alloc(0);
    let offset = 0;
    let at = 0;
    for (;;) {
      const n = readSync(this.fd, chunk, 0, chunk.length, at);
      if (n === 0) break;
      at += n;
      let buf = Buffer.concat([carry, chunk.subarray(0, n)]);
      let nl: number;
      while ((nl = buf.indexOf(10)) >= 0) {
        const line = buf.subarray(0, nl);
        if (line.length) each(line.toString('utf8'), [offset, line.length]);
        offset += nl + 1;
        buf = buf.subarray(nl + 1);
      }
      carry = Buffer.from(buf);
    }
    if (carry.length) this.size = offset; // torn line: overwritten by the next append
  }

  append(value: unknown): Span {
    const bytes = Buffer.from(JSON.stringify(value) + '\n', 'utf8');
    const span: Span = [this.size, bytes.length - 1];
    try {
      for (let at = 0; at < bytes.length;) at += writeSync(this.fd, bytes, at, bytes.length - at, this.size + at);
    } catch (e) {
      throw asOutputError(e, 'run log', this.path); // a torn line is cut off at the next open
    }
    this.size += bytes.length;
    return span;
  }

  read(span: Span): unknown {
    const buf = Buffer.alloc(span[1]);
    readSync(this.fd, buf, 0, span[1], span[0]);
    return JSON.parse(buf.toString('utf8'));
  }
}

/** A `PipelineStore` in a directory. Call `close()` when done. */
export class FileStore implements PipelineStore {
  readonly #cache: Log;
  readonly #items: Log;
  readonly #callIndex = new Map<string, Span>();
  readonly #itemIndex = new Map<string, Span[]>();
  readonly #runsDir: string;
  readonly #lock: string;

  /** Opens (or creates) the store in `dir`; throws when another live process holds it. */
  constructor(readonly dir: string) {
    try {
      mkdirSync(join(dir, 'runs'), { recursive: true });
    } catch (e) {
      throw asOutputError(e, 'output folder', dir);
    }
    this.#lock = join(dir, '.lock');
    takeLock(this.#lock);
    this.#runsDir = join(dir, 'runs');
    this.#cache = new Log(join(dir, 'cache.jsonl'));
    this.#items = new Log(join(dir, 'items.jsonl'));
    this.#cache.scan((line, span) => {
      const key = /^\{"key":"(c-[0-9a-f]+)"/.exec(line)?.[1];
      if (key) this.#callIndex.set(key, span);
    });
    this.#items.scan((line, span) => {
      const raw = /^\{"id":"((?:[^"\\]|\\.)+)"/.exec(line)?.[1];
      if (!raw) return;
      const id = JSON.parse(`"${raw}"`) as string;
      const full = line.includes('"full":true');
      const list = this.#itemIndex.get(id);
      if (full || !list) this.#itemIndex.set(id, [span]);
      else list.push(span);
    });
  }

  /** Cached calls in the directory. */
  get cachedCalls(): number {
    return this.#callIndex.size;
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const path = join(this.#runsDir, `${id}.json`);
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as RunRecord) : undefined;
  }
  async listRuns(): Promise<RunRecord[]> {
    const runs = readdirSync(this.#runsDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(this.#runsDir, f), 'utf8')) as RunRecord);
    return runs.sort((a, b) => b.createdAt - a.createdAt);
  }
  async putRun(run: RunRecord): Promise<void> {
    writeFileAtomic(join(this.#runsDir, `${run.id}.json`), JSON.stringify(run), 'run record');
  }
  async deleteRun(id: string): Promise<void> {
    rmSync(join(this.#runsDir, `${id}.json`), { force: true });
    for (const key of [...this.#itemIndex.keys()]) if (key.startsWith(`${id}:`)) this.#itemIndex.delete(key);
  }

  async getItem(id: string): Promise<RunItem | undefined> {
    const spans = this.#itemIndex.get(id);
    if (!spans) return undefined;
    let item: Omit<RunItem, 'stages'> | undefined;
    const stages: Record<string, StageState> = {};
    for (const span of spans) {
      const line = this.#items.read(span) as { id: string } & ItemLine;
      item = line.item;
      Object.assign(stages, line.stages);
    }
    return item ? { ...item, stages } : undefined;
  }
  async *listItems(runId: string): AsyncIterable<RunItem> {
    const ids = [...this.#itemIndex.keys()].filter((k) => k.startsWith(`${runId}:`)).sort();
    for (const id of ids) {
      const item = await this.getItem(id);
      if (item) yield item;
    }
  }

  async getCall(key: string): Promise<CachedCall | undefined> {
    const span = this.#callIndex.get(key);
    return span ? (this.#cache.read(span) as CachedCall) : undefined;
  }

  async checkpoint(item: RunItem | undefined, call?: CachedCall, changedStage?: string): Promise<void> {
    if (call && !this.#callIndex.has(call.key)) {
      const { key, ...rest } = call;
      this.#callIndex.set(key, this.#cache.append({ key, ...rest }));
    }
    if (!item) return;
    const { stages, ...header } = item;
    const known = this.#itemIndex.get(item.id);
    const partial = known && changedStage !== undefined && stages[changedStage];
    const line = partial
      ? { id: item.id, item: header, stages: { [changedStage]: stages[changedStage] }, full: false }
      : { id: item.id, item: header, stages, full: true };
    const span = this.#items.append(line);
    if (partial && known) known.push(span);
    else this.#itemIndex.set(item.id, [span]);
  }

  /** Closes the files and releases the lock. */
  close(): void {
    closeSync(this.#cache.fd);
    closeSync(this.#items.fd);
    releaseLock(this.#lock);
  }
}

/** Writes a file through a temporary name renamed when complete (`writeFileAtomic`, kept under this name for its callers). */
export function writeAtomic(path: string, text: string): void {
  writeFileAtomic(path, text);
}
