/**
 * What the app stores, by kind: counts and sizes, clearing a kind, and the data bundle (export every
 * table but the settings, restore a checked bundle without overwriting anything unless asked). Works
 * over whatever tables the database has, so a table a later version adds is listed, exported and
 * restored without a change here (under its own name until it is given a kind below).
 */
import type { IndexableType, Table } from 'dexie';
import type { Bundle, BundleTarget } from '../core/data/bundle';
import { BUNDLE_FORMAT, BUNDLE_VERSION, bundleHeader, bundleLine } from '../core/data/bundle';
import type { PersonaLabDb } from './database';

/** The kinds of stored data, as the Data page lists them, and the tables each holds. */
const KINDS: readonly { readonly kind: string; readonly tables: readonly string[] }[] = [
  { kind: 'Persona sets', tables: ['personaSets', 'personaSetData'] },
  { kind: 'Census models', tables: ['censusModels'] },
  { kind: 'Prompt sets', tables: ['promptSets'] },
  { kind: 'Runs and their pairs', tables: ['runs', 'runItems'] },
  { kind: 'Call cache', tables: ['llmCache'] }, // the one call cache since v6 (personaLlmCache and looCalls were merged into it)
  { kind: 'Conversations', tables: ['conversations'] },
  { kind: 'Annotations and label sets', tables: ['labelSets', 'annotationKits', 'annotationSessions', 'annotationAnswers', 'classrooms'] },
  { kind: 'Leave-one-out runs', tables: ['looRuns', 'looJudgements'] },
  { kind: 'Bench runs and samples', tables: ['benches', 'benchSamples'] },
  { kind: 'WikiPersonas studies and people', tables: ['wikiStudies', 'wikiValues', 'wikiPeople'] },
  { kind: 'Settings', tables: ['settings'] },
];

/** The kind that holds the call cache. */
export const CALL_CACHE_KIND = 'Call cache';

/** Tables never exported: the settings hold this browser's choices and its API keys, which never leave it. */
const NOT_EXPORTED = new Set(['settings']);

/** One kind of stored data. */
export interface StoredKind {
  /** Its name ("Persona sets"). */
  readonly kind: string;
  /** Its tables. */
  readonly tables: readonly string[];
  /** Rows stored, over its tables. */
  readonly rows: number;
  /** About how many bytes its rows take, as JSON. */
  readonly bytes: number;
  /** Whether the data bundle holds it. */
  readonly exported: boolean;
}

/** How a restore treats a row whose key is already stored: keep the stored one, or replace it with the bundle's. */
export type RestoreMode = 'keep' | 'replace';

/** What a restore did, or would do, to one kind. */
export interface RestoreCount {
  /** The kind. */
  readonly kind: string;
  /** Rows in the bundle. */
  readonly rows: number;
  /** Of those, rows whose key is already stored. */
  readonly existing: number;
}

/** Rows of one table picked for a snapshot: the row of a primary key, or every row whose index holds a value. */
export interface RowPick {
  /** The table. */
  readonly table: string;
  /** The row's primary key. */
  readonly key?: IndexableType;
  /** Or: the rows whose `index` equals `equals`. */
  readonly where?: { readonly index: string; readonly equals: IndexableType };
}

/** Stored data by kind, over the app's database. */
export class DataStore {
  readonly #db: PersonaLabDb;

  constructor(db: PersonaLabDb) {
    this.#db = db;
  }

  #kinds(): { kind: string; tables: Table[] }[] {
    const all = new Map(this.#db.tables.map((t) => [t.name, t]));
    const out = KINDS.map((k) => ({ kind: k.kind, tables: k.tables.flatMap((n) => all.get(n) ?? []) }));
    for (const k of KINDS) for (const n of k.tables) all.delete(n);
    for (const t of all.values()) out.push({ kind: t.name, tables: [t] });
    return out.filter((k) => k.tables.length > 0);
  }

  #kindOf(table: string): string {
    return this.#kinds().find((k) => k.tables.some((t) => t.name === table))?.kind ?? table;
  }

  /** Every kind with its row count and size (sizes read every row once). */
  async list(): Promise<StoredKind[]> {
    const out: StoredKind[] = [];
    for (const k of this.#kinds()) {
      let rows = 0;
      let bytes = 0;
      for (const t of k.tables) {
        await t.each((row: unknown) => {
          rows++;
          bytes += JSON.stringify(row).length;
        });
      }
      out.push({
        kind: k.kind,
        tables: k.tables.map((t) => t.name),
        rows,
        bytes,
        exported: !k.tables.some((t) => NOT_EXPORTED.has(t.name)),
      });
    }
    return out;
  }

  /** Deletes every row of one kind, in one transaction. */
  async clear(kind: string): Promise<void> {
    const tables = this.#kinds().find((k) => k.kind === kind)?.tables ?? [];
    if (tables.length) await this.#db.transaction('rw', tables, () => Promise.all(tables.map((t) => t.clear())));
  }

  /** The data bundle's text, in parts (every table but the settings), read in one transaction. */
  async exportParts(now: Date): Promise<string[]> {
    const tables = this.#db.tables.filter((t) => !NOT_EXPORTED.has(t.name));
    return this.#db.transaction('r', tables, async () => {
      const lines: string[] = [];
      const counts: Record<string, number> = {};
      for (const t of tables) {
        const rows = await t.toArray();
        counts[t.name] = rows.length;
        for (const row of rows) lines.push(bundleLine(t.name, row));
      }
      return [bundleHeader(this.#db.verno, counts, now), ...lines];
    });
  }

  /** What a bundle is checked against: this database's version and the tables it may restore. */
  target(): BundleTarget {
    const keys = new Map<string, readonly string[]>();
    for (const t of this.#db.tables) {
      if (NOT_EXPORTED.has(t.name)) continue;
      const path = t.schema.primKey.keyPath;
      keys.set(t.name, typeof path === 'string' ? [path] : (path ?? []));
    }
    return { schemaVersion: this.#db.verno, keys };
  }

  #key(table: Table, row: Record<string, unknown>): string {
    const path = table.schema.primKey.keyPath;
    return JSON.stringify(typeof path === 'string' ? row[path] : (path ?? []).map((p) => row[p]));
  }

  async #storedKeys(table: Table): Promise<Set<string>> {
    const keys = await table.toCollection().primaryKeys();
    return new Set(keys.map((k) => JSON.stringify(k)));
  }

  /** Per kind: the bundle's rows and how many of them are already stored (nothing is written). */
  async plan(bundle: Bundle): Promise<RestoreCount[]> {
    const byKind = new Map<string, { rows: number; existing: number }>();
    for (const [name, rows] of bundle.tables) {
      const table = this.#db.table(name);
      const stored = await this.#storedKeys(table);
      const c = byKind.get(this.#kindOf(name)) ?? { rows: 0, existing: 0 };
      c.rows += rows.length;
      c.existing += rows.filter((r) => stored.has(this.#key(table, r))).length;
      byKind.set(this.#kindOf(name), c);
    }
    return [...byKind].map(([kind, c]) => ({ kind, ...c }));
  }

  /** Restores a bundle in one transaction: new rows are added; a stored row is kept ("keep") or replaced ("replace"). */
  async restore(bundle: Bundle, mode: RestoreMode): Promise<{ added: number; replaced: number; kept: number }> {
    const tables = [...bundle.tables.keys()].map((n) => this.#db.table(n));
    const counts = { added: 0, replaced: 0, kept: 0 };
    if (!tables.length) return counts;
    await this.#db.transaction('rw', tables, async () => {
      for (const table of tables) {
        const rows = bundle.tables.get(table.name) ?? [];
        const stored = await this.#storedKeys(table);
        const fresh = rows.filter((r) => !stored.has(this.#key(table, r)));
        counts.added += fresh.length;
        if (mode === 'replace') {
          counts.replaced += rows.length - fresh.length;
          await table.bulkPut(rows);
        } else {
          counts.kept += rows.length - fresh.length;
          await table.bulkAdd(fresh);
        }
      }
    });
    return counts;
  }

  /**
   * The picked rows as a bundle (the same one `restore` takes), read in one transaction: what an
   * undo puts back after a delete. The header counts them like an exported file's.
   */
  async snapshot(picks: readonly RowPick[], now = new Date()): Promise<Bundle> {
    const names = [...new Set(picks.map((p) => p.table))];
    const tables = new Map<string, Record<string, unknown>[]>(names.map((n) => [n, []]));
    await this.#db.transaction('r', names, async () => {
      for (const p of picks) {
        const table = this.#db.table(p.table);
        const rows: Record<string, unknown>[] = p.where
          ? await table.where(p.where.index).equals(p.where.equals).toArray()
          : p.key !== undefined
            ? [await table.get(p.key)].filter((r) => r !== undefined)
            : [];
        tables.get(p.table)?.push(...rows);
      }
    });
    const counts = Object.fromEntries([...tables].map(([n, rows]) => [n, rows.length]));
    const header: Bundle['header'] = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      schemaVersion: this.#db.verno,
      exportedAt: now.toISOString(),
      counts,
    };
    return { header, tables };
  }

  /** Whether the row of a primary key is stored. */
  async has(table: string, key: IndexableType): Promise<boolean> {
    return (await this.#db.table(table).where(':id').equals(key).count()) > 0;
  }
}
