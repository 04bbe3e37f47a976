/**
 * The data bundle: everything the app stores, as one versioned JSON lines file. Line 1 is the header
 * (format, version, the database's schema version, when, and the row count of each table); every
 * other line is one stored row, `{"table": "...", "row": {...}}`. A bundle is read with the one record
 * reader and checked with zod; any problem refuses the whole bundle (nothing is restored from a file
 * that is damaged, cut short or made by a newer version of the app).
 */
import { z } from 'zod';
import { checkValue } from '../records/check';
import { ProblemLog, type ProblemList } from '../records/problems';
import { readRecords } from '../records/read';

/** The bundle's format name, in its header. */
export const BUNDLE_FORMAT = 'persona-lab-bundle' as const;
/** The bundle format's version; a reader refuses a newer one. */
export const BUNDLE_VERSION = 1;

const headerSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.number().int().min(1),
  schemaVersion: z.number().int().min(1),
  exportedAt: z.string(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
});

/** The header line of a bundle. */
type BundleHeader = z.infer<typeof headerSchema>;

const rowLineSchema = z.strictObject({ table: z.string().min(1), row: z.record(z.string(), z.unknown()) });

/** The header's line for tables of these row counts. */
export function bundleHeader(schemaVersion: number, counts: Readonly<Record<string, number>>, exportedAt: Date): string {
  const header: BundleHeader = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    schemaVersion,
    exportedAt: exportedAt.toISOString(),
    counts,
  };
  return `${JSON.stringify(header)}\n`;
}

/** One row's line. */
export function bundleLine(table: string, row: unknown): string {
  return `${JSON.stringify({ table, row })}\n`;
}

/** What the database is: its schema version and each table's key path (a compound key has several fields). */
export interface BundleTarget {
  /** The database's schema version; a bundle from a newer one is refused. */
  readonly schemaVersion: number;
  /** Each table that may be restored, with the fields of its primary key. */
  readonly keys: ReadonlyMap<string, readonly string[]>;
}

/** A bundle read and checked: its header and its rows by table. */
export interface Bundle {
  /** The header. */
  readonly header: BundleHeader;
  /** The rows of each table, in file order. */
  readonly tables: ReadonlyMap<string, readonly Record<string, unknown>[]>;
}

const isKey = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** Reads a bundle file; the bundle, or the problems that refuse it (file, line, field). */
export async function readBundle(
  name: string,
  input: string | Uint8Array,
  target: BundleTarget,
): Promise<{ ok: true; bundle: Bundle } | { ok: false; problems: ProblemList }> {
  const file = await readRecords(name, input, { format: 'jsonl' });
  const log: ProblemLog = file.log;
  const [first, ...rest] = file.rows;
  const header = first ? checkValue(headerSchema, first.value, first.line, log) : undefined;
  if (!first) log.add(undefined, 'the file is empty: a bundle starts with its header line');
  else if (header && header.version > BUNDLE_VERSION)
    log.add(first.line, `bundle version ${header.version} is newer than this app reads (${BUNDLE_VERSION}); update Persona Lab`, 'version');
  else if (header && header.schemaVersion > target.schemaVersion)
    log.add(
      first.line,
      `made with database version ${header.schemaVersion}, newer than this app's ${target.schemaVersion}`,
      'schemaVersion',
    );
  const tables = new Map<string, Record<string, unknown>[]>();
  for (const r of rest) {
    const line = checkValue(rowLineSchema, r.value, r.line, log);
    if (!line) continue;
    const key = target.keys.get(line.table);
    if (!key) {
      log.add(r.line, `unknown table "${line.table}"`, 'table');
      continue;
    }
    const missing = key.find((k) => !isKey(line.row[k]));
    if (missing !== undefined) {
      log.add(r.line, `the row has no usable key (a string or number)`, `row.${missing}`);
      continue;
    }
    const list = tables.get(line.table) ?? [];
    list.push(line.row);
    tables.set(line.table, list);
  }
  if (header) {
    for (const [table, count] of Object.entries(header.counts)) {
      const found = tables.get(table)?.length ?? 0;
      if (found !== count && log.total === 0)
        log.add(undefined, `the header promises ${count} rows of "${table}" but the file holds ${found}: is it cut short?`);
    }
    for (const [table, rows] of tables)
      if (header.counts[table] === undefined) log.add(undefined, `the header does not count the ${rows.length} rows of "${table}"`);
  }
  if (log.total > 0 || !header) return { ok: false, problems: log.list() };
  return { ok: true, bundle: { header, tables } };
}
