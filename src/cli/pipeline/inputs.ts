/**
 * Reading the CLI's input files: personas.jsonl (as the `personas` command writes it) and
 * prompts.jsonl (one object per line with "text" and optional "id", "topic", "split").
 * Problems name the file and line; a file with nothing usable is an error.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parsePersonasJsonl, type PersonasFile } from '../../core/pipeline/personas-input';
import { readPromptsJsonl, type PromptImport } from '../../core/prompts/importers';

/** Reads a whole file, with a message naming it when it cannot be read. */
export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`Cannot read the ${what} file ${path}${code === 'ENOENT' ? ': it does not exist' : `: ${(e as Error).message}`}.`, {
      cause: e,
    });
  }
}

/** Reads personas.jsonl (see `parsePersonasJsonl`). */
export function readPersonasJsonl(path: string): PersonasFile {
  return parsePersonasJsonl(readText(path, 'personas'), basename(path));
}

/** Reads prompts.jsonl (see `readPromptsJsonl`). */
export function readPromptsFile(path: string): PromptImport {
  return readPromptsJsonl(readText(path, 'prompts'), basename(path));
}
