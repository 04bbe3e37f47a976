/**
 * Node side of the census build: streams PUMS files (census.gov CSV, person and housing, and the
 * shared Parquet extracts) into the pure builder. Used by `npm run build:census` and by the
 * `personas` command's `--pums` / `--pums-housing` options.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { CensusModelBuilder } from '../../core/census/builder';
import { finishCensusModel } from '../../core/census/build';
import { HousingRowReader, PersonRowReader, PumsFormatError, pumsKind, type PumsKind } from '../../core/census/pums-format';
import type { CensusModelData } from '../../core/census/model';
import { loadDefaultCensusModel } from '../../core/census/default-model';

/** Files of one build. */
export interface PumsFileSet {
  /** Person files (psam_p*.csv or p_*.parquet). */
  readonly person: readonly string[];
  /** Housing files (psam_h*.csv or h_*.parquet), read before the persons. */
  readonly housing?: readonly string[];
}

/** Options of a Node build. */
export interface NodeBuildOptions {
  /** meta.source text (default: the file names). */
  readonly source?: string;
  /** Progress messages (default: none). */
  readonly log?: (message: string) => void;
  /** Base model for nodes the files lack (default: the embedded default model; null for none). */
  readonly base?: CensusModelData | null;
  /** Monte Carlo draws for the stored marginals. */
  readonly marginalDraws?: number;
}

/** Streams one CSV file's rows into `onRow(fields, line)` after `onHeader(header)`. */
function readCsv(path: string, onHeader: (h: string[]) => void, onRow: (fields: string[], line: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let line = 0;
    let failed = false;
    Papa.parse<string[]>(createReadStream(path), {
      header: false,
      skipEmptyLines: true,
      chunk: (res, parser) => {
        if (failed) return;
        try {
          for (const row of res.data) {
            line++;
            if (line === 1) onHeader(row);
            else onRow(row, line);
          }
        } catch (e) {
          failed = true;
          parser.abort();
          reject(e);
        }
      },
      complete: () => {
        if (failed) return;
        if (line === 0) reject(new PumsFormatError(basename(path), 1, 0, 'the file is empty'));
        else resolve();
      },
      error: (e: Error) => reject(e),
    });
  });
}

async function readParquetFile(path: string, builder: CensusModelBuilder, kind: PumsKind): Promise<number> {
  const file = await asyncBufferFromFile(path);
  const meta = await parquetMetadataAsync(file);
  const header = meta.schema.slice(1).map((s) => s.name);
  const rows = (await parquetReadObjects({ file, compressors, metadata: meta })) as Record<string, unknown>[];
  const name = basename(path);
  const reader = kind === 'person' ? new PersonRowReader(name, header) : new HousingRowReader(name, header);
  const fields: string[] = new Array(header.length);
  rows.forEach((r, i) => {
    for (let c = 0; c < header.length; c++) {
      const x = r[header[c]!];
      fields[c] = x === null || x === undefined ? '' : String(x);
    }
    reader.add(fields, i + 2, builder);
  });
  return rows.length;
}

async function readFile(path: string, builder: CensusModelBuilder, expect: PumsKind): Promise<number> {
  const name = basename(path);
  if (path.endsWith('.parquet')) {
    const file = await asyncBufferFromFile(path);
    const meta = await parquetMetadataAsync(file);
    const kind = pumsKind(
      name,
      meta.schema.slice(1).map((s) => s.name),
    );
    if (kind !== expect) throw new PumsFormatError(name, 1, 0, `expected a ${expect} file, found a ${kind} file`);
    return readParquetFile(path, builder, kind);
  }
  let reader: PersonRowReader | HousingRowReader | undefined;
  let n = 0;
  await readCsv(
    path,
    (h) => {
      const kind = pumsKind(name, h);
      if (kind !== expect) throw new PumsFormatError(name, 1, 0, `expected a ${expect} file, found a ${kind} file`);
      reader = kind === 'person' ? new PersonRowReader(name, h) : new HousingRowReader(name, h);
    },
    (fields, line) => {
      n++;
      reader!.add(fields, line, builder);
    },
  );
  return n;
}

/** Two-digit state code in a PUMS file name (psam_p50.csv, p_06_narrow_cols.parquet), if any. */
const stateOf = (path: string) => /(?:psam_[ph]|[ph]_)(\d\d)/.exec(basename(path))?.[1];

/**
 * Builds a census model from PUMS files. Housing files are read before the person files of the
 * same state (files without a state in their name come last), and housing records are released
 * after each state. Throws PumsFormatError for a malformed file (file, line, column named).
 */
export async function buildCensusModelFromFiles(files: PumsFileSet, options: NodeBuildOptions = {}): Promise<CensusModelData> {
  const housing = files.housing ?? [];
  if (files.person.length === 0) {
    throw new PumsFormatError(basename(housing[0] ?? 'input'), 1, 0, 'housing records were given without any person file');
  }
  const log = options.log ?? (() => {});
  const builder = new CensusModelBuilder({
    source: options.source ?? `PUMS files: ${[...files.person, ...housing].map((f) => basename(f)).join(', ')}`,
  });
  const groups = new Map<string, { p: string[]; h: string[] }>();
  const key = (f: string) => (housing.length && files.person.length > 1 ? (stateOf(f) ?? '*') : '*');
  for (const f of files.person) (groups.get(key(f)) ?? groups.set(key(f), { p: [], h: [] }).get(key(f))!).p.push(f);
  for (const f of housing) (groups.get(key(f)) ?? groups.set(key(f), { p: [], h: [] }).get(key(f))!).h.push(f);
  for (const [, g] of groups) {
    for (const f of g.h) log(`${basename(f)}: ${await readFile(f, builder, 'housing')} housing records`);
    const before = builder.matchedHouseholds;
    for (const f of g.p) log(`${basename(f)}: ${await readFile(f, builder, 'person')} person records`);
    if (g.h.length && builder.matchedHouseholds === before) {
      throw new PumsFormatError(basename(g.h[0]!), 1, 0, 'no person record matches the SERIALNO of any housing record in this file');
    }
    builder.forgetHousing();
  }
  const base = options.base === undefined ? await loadDefaultCensusModel() : (options.base ?? undefined);
  return finishCensusModel(builder, {
    ...(base ? { base } : {}),
    ...(options.marginalDraws ? { marginalDraws: options.marginalDraws } : {}),
  });
}
