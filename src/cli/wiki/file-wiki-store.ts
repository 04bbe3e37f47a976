/**
 * The CLI's `WikiStore`: one study per output directory, its record in `study.json` (written
 * atomically) and its values in the append-only `records.jsonl` (the last line of a key wins; a
 * line cut short by a kill is skipped and overwritten). Small enough to index in memory.
 */
import { appendFileSync, existsSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import type { WikiKind, WikiStore, WikiStudyRecord, WikiValues } from '../../core/wiki/store';
import { writeAtomic } from '../pipeline/file-store';

/** A study's store in a directory (the pipeline's `FileStore` over the same directory holds the lock and the call cache). */
export class FileWikiStore implements WikiStore {
  readonly #values = new Map<string, unknown>();
  readonly #records: string;
  readonly #study: string;

  constructor(readonly dir: string) {
    this.#records = join(dir, 'records.jsonl');
    this.#study = join(dir, 'study.json');
    if (!existsSync(this.#records)) return;
    const text = readFileSync(this.#records, 'utf8');
    let good = 0;
    for (const line of text.split('\n')) {
      const end = good + Buffer.byteLength(line, 'utf8') + 1;
      if (!line.trim()) {
        if (end <= Buffer.byteLength(text, 'utf8')) good = end;
        continue;
      }
      try {
        const rec = JSON.parse(line) as { kind: string; key: string; value?: unknown; removed?: boolean };
        const k = `${rec.kind}\u0000${rec.key}`;
        if (rec.removed) this.#values.delete(k);
        else this.#values.set(k, rec.value);
        good = end;
      } catch {
        break; // a torn last line: cut off, the next write replaces it
      }
    }
    if (good < Buffer.byteLength(text, 'utf8')) truncateSync(this.#records, good);
  }

  async getStudy(id: string): Promise<WikiStudyRecord | undefined> {
    if (!existsSync(this.#study)) return undefined;
    const s = JSON.parse(readFileSync(this.#study, 'utf8')) as WikiStudyRecord;
    return s.id === id ? s : undefined;
  }
  async listStudies(): Promise<WikiStudyRecord[]> {
    return existsSync(this.#study) ? [JSON.parse(readFileSync(this.#study, 'utf8')) as WikiStudyRecord] : [];
  }
  async putStudy(study: WikiStudyRecord): Promise<void> {
    writeAtomic(this.#study, JSON.stringify(study, null, 2) + '\n');
  }
  async deleteStudy(): Promise<void> {
    throw new Error('A study in a directory is deleted by deleting the directory.');
  }
  async get<K extends WikiKind>(_studyId: string, kind: K, key: string): Promise<WikiValues[K] | undefined> {
    return this.#values.get(`${kind}\u0000${key}`) as WikiValues[K] | undefined;
  }
  async put<K extends WikiKind>(_studyId: string, kind: K, key: string, value: WikiValues[K]): Promise<void> {
    appendFileSync(this.#records, JSON.stringify({ kind, key, value }) + '\n');
    this.#values.set(`${kind}\u0000${key}`, value);
  }
  async remove(_studyId: string, kind: WikiKind, key: string): Promise<void> {
    if (!this.#values.has(`${kind}\u0000${key}`)) return;
    appendFileSync(this.#records, JSON.stringify({ kind, key, removed: true }) + '\n');
    this.#values.delete(`${kind}\u0000${key}`);
  }
  async list<K extends WikiKind>(studyId: string, kind: K): Promise<WikiValues[K][]> {
    return (await this.entries(studyId, kind)).map(([, v]) => v);
  }
  async entries<K extends WikiKind>(_studyId: string, kind: K): Promise<(readonly [string, WikiValues[K]])[]> {
    const prefix = `${kind}\u0000`;
    return [...this.#values.keys()]
      .filter((k) => k.startsWith(prefix))
      .sort()
      .map((k) => [k.slice(prefix.length), this.#values.get(k) as WikiValues[K]] as const);
  }
}
