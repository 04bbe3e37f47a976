/**
 * The browser import of PUMS CSV files, over any Blob-like file (File in the worker): housing files
 * first, then persons, streamed in chunks with progress, into a model. Pure apart from reading the
 * blobs' streams, which browsers, workers and Node share.
 */
import { CensusModelBuilder } from './builder';
import { loadDefaultCensusModel } from './default-model';
import { CsvFileFeeder, finishImport, importFailure, kindOfHeaderLine, type ImportFailure } from './pums-import';
import { PumsFormatError } from './pums-format';
import type { CensusModelMeta } from './model';

/** The part of File the import needs. */
export interface BlobFile {
  readonly name: string;
  readonly size: number;
  slice(start?: number, end?: number): { text(): Promise<string> };
  stream(): ReadableStream<Uint8Array>;
}

/** Progress of an import. */
export interface ImportProgress {
  /** "reading" while parsing files, "building" while finishing the model. */
  readonly phase: 'reading' | 'building';
  /** The file being read. */
  readonly file: string;
  /** Bytes read over all files, and their total. */
  readonly bytes: number;
  readonly totalBytes: number;
}

/** The result of an import: the model as JSON text and its meta, or where it failed. */
export type ImportResult =
  { readonly ok: true; readonly json: string; readonly meta: CensusModelMeta } | { readonly ok: false; readonly failure: ImportFailure };

/** Builds a census model from PUMS CSV files (persons required, housing optional). */
export async function importPumsFiles(files: readonly BlobFile[], onProgress: (p: ImportProgress) => void): Promise<ImportResult> {
  let current = files[0]?.name ?? 'input';
  try {
    if (files.length === 0) throw new PumsFormatError('input', 0, 0, 'no file was given');
    const kinds = await Promise.all(
      files.map(async (f) => {
        const head = await f.slice(0, 65536).text();
        if (!head.trim()) throw new PumsFormatError(f.name, 1, 0, 'the file is empty');
        return kindOfHeaderLine(f.name, head.split('\n', 1)[0] ?? '');
      }),
    );
    const housing = files.filter((_, i) => kinds[i] === 'housing');
    const person = files.filter((_, i) => kinds[i] === 'person');
    if (person.length === 0) throw new PumsFormatError(housing[0]!.name, 1, 0, 'housing records were given without any person file');
    const totalBytes = files.reduce((s, f) => s + f.size, 0);
    const builder = new CensusModelBuilder({ source: '' });
    let bytes = 0;
    let nextReport = 0;
    for (const f of [...housing, ...person]) {
      current = f.name;
      const feeder = new CsvFileFeeder(f.name, builder);
      const reader = f.stream().getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done || !value) break;
        feeder.push(decoder.decode(value, { stream: true }));
        bytes += value.length;
        if (bytes >= nextReport) {
          nextReport = bytes + totalBytes / 100;
          onProgress({ phase: 'reading', file: f.name, bytes, totalBytes });
        }
      }
      feeder.push(decoder.decode());
      feeder.end();
    }
    if (housing.length && builder.matchedHouseholds === 0) {
      throw new PumsFormatError(housing[0]!.name, 1, 0, 'no person record matches the SERIALNO of any housing record');
    }
    onProgress({ phase: 'building', file: current, bytes, totalBytes });
    const source = `Imported PUMS: ${files.map((f) => f.name).join(', ')}`;
    const model = finishImport(builder, await loadDefaultCensusModel(), source);
    return { ok: true, json: JSON.stringify(model), meta: model.meta };
  } catch (e) {
    return { ok: false, failure: importFailure(e, current) };
  }
}
