/**
 * Parquet records by hyparquet (every codec hyparquet-compressors knows), numbered by row. Loaded
 * on demand by `readRecords`, so pages that never meet a Parquet file do not carry the decoder.
 * Only the columns the importer asks for are decoded; 64-bit integers become numbers when they
 * fit exactly, text otherwise.
 */
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { RecordRow } from './json-text';
import type { ProblemLog } from './problems';

/** Picks the columns to decode from those the file has (all when undefined). */
export type ColumnPicker = (available: readonly string[]) => readonly string[];

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  return v;
}

/** Reads a Parquet file's rows; an unreadable file is one problem of the whole file. */
export async function readParquetBytes(
  bytes: Uint8Array,
  log: ProblemLog,
  pick?: ColumnPicker,
): Promise<{ columns: readonly string[]; rows: RecordRow[] }> {
  const buffer = new Uint8Array(bytes).buffer; // a copy of exactly these bytes (a Node Buffer may view a larger pool)
  let available: string[];
  try {
    const meta = parquetMetadata(buffer);
    const root = meta.schema[0];
    available = meta.schema.slice(1, 1 + (root?.num_children ?? 0)).map((s) => s.name);
  } catch (e) {
    log.add(undefined, `not a readable Parquet file (${e instanceof Error ? e.message : String(e)})`);
    return { columns: [], rows: [] };
  }
  const columns = pick ? pick(available).filter((c) => available.includes(c)) : available;
  if (columns.length === 0) return { columns: available, rows: [] };
  try {
    const objects = await parquetReadObjects({ file: buffer, columns: [...columns], compressors });
    const rows = objects.map((o, i) => ({
      line: i + 1,
      value: Object.fromEntries(columns.map((c) => [c, plain((o as Record<string, unknown>)[c])])),
    }));
    return { columns: available, rows };
  } catch (e) {
    log.add(undefined, `not a readable Parquet file (${e instanceof Error ? e.message : String(e)})`);
    return { columns: available, rows: [] };
  }
}
