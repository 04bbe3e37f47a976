/**
 * Reading the CLI's input files through the record reader: personas.jsonl (as the `personas`
 * command writes it) and prompts.jsonl (one object per line with "text" and optional "id",
 * "topic", "split"; the same text twice is refused). Problems name the file, line and field; a
 * file with nothing usable is an error.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { runPersonasFromRecords, type PersonasFile } from '../../core/pipeline/personas-input';
import { promptsFromRecords, type PromptImport } from '../../core/prompts/importers';
import { decodeText, readTextRecords } from '../../core/records/read';

/** Reads a whole file as text (UTF-8, or UTF-16 with its byte-order mark), with a message naming it when it cannot be read. */
export function readText(path: string, what: string): string {
  try {
    return decodeText(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`Cannot read the ${what} file ${path}${code === 'ENOENT' ? ': it does not exist' : `: ${(e as Error).message}`}.`, {
      cause: e,
    });
  }
}

/** Reads personas.jsonl (see `runPersonasFromRecords`). */
export function readPersonasJsonl(path: string): PersonasFile {
  return runPersonasFromRecords(readTextRecords(basename(path), readText(path, 'personas')));
}

/** Reads prompts.jsonl (see `promptsFromRecords`); a text given twice is a problem, as a run would collapse it. */
export function readPromptsFile(path: string): PromptImport {
  return promptsFromRecords(readTextRecords(basename(path), readText(path, 'prompts'), { stringField: 'text' }), { sameText: 'reject' });
}
