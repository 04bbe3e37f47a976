/**
 * How the CLI writes files: every output goes to a temporary file in the same folder and is renamed
 * over the destination only once it is complete and flushed, so a kill, a full disk or a crash never
 * leaves a half-written file where a whole one was expected. Failures name the file and say what
 * was wrong (missing folder, read-only, disk full) instead of a Node stack.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Temporary files not yet renamed: removed if the process exits first. */
const pending = new Set<string>();
let hooked = false;

function track(tmp: string): void {
  pending.add(tmp);
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const t of pending) rmSync(t, { force: true });
  });
}

/** What a file-system error code means, for a person. */
function reason(e: NodeJS.ErrnoException, path: string): string {
  switch (e.code) {
    case 'ENOENT':
      return `the folder ${dirname(path)} does not exist`;
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (the file or its folder is read-only or belongs to someone else)';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open';
    default:
      return e.message;
  }
}

/** A write failure that names the file and what was wrong; the CLI prints its message and exits 1. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
  /** The file-system error code, e.g. "ENOSPC". */
  readonly code: string | undefined;
  constructor(what: string, path: string, e: unknown) {
    const err = e as NodeJS.ErrnoException;
    super(`Cannot write the ${what} ${path}: ${reason(err, path)}.`, { cause: e });
    this.code = err.code;
  }
}

/** Rethrows a file-system error as an `OutputError` naming the file. */
export function asOutputError(e: unknown, what: string, path: string): Error {
  return e instanceof OutputError || !(e instanceof Error) || !('code' in e) ? (e as Error) : new OutputError(what, path, e);
}

/**
 * A file written in pieces and put in place whole: `write` appends to a temporary file next to the
 * destination, `commit` flushes it and renames it over the destination, `abort` removes it.
 */
export class AtomicFile {
  readonly #fd: number;
  readonly #tmp: string;
  #done = false;
  #buffer: string[] = [];
  #buffered = 0;

  /** Opens the temporary file; throws an `OutputError` when the destination's folder cannot take it. */
  constructor(
    readonly path: string,
    readonly what: string,
  ) {
    this.#tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      this.#fd = openSync(this.#tmp, 'w');
    } catch (e) {
      throw asOutputError(e, what, path);
    }
    track(this.#tmp);
  }

  /** Appends text (buffered: written out by the 256 KB). */
  write(text: string): void {
    this.#buffer.push(text);
    this.#buffered += text.length;
    if (this.#buffered >= 1 << 18) this.#flush();
  }

  #flush(): void {
    if (!this.#buffer.length) return;
    const bytes = Buffer.from(this.#buffer.join(''), 'utf8');
    this.#buffer = [];
    this.#buffered = 0;
    try {
      for (let at = 0; at < bytes.length;) at += writeSync(this.#fd, bytes, at, bytes.length - at);
    } catch (e) {
      this.abort();
      throw asOutputError(e, this.what, this.path);
    }
  }

  /** Flushes and renames over the destination. */
  commit(): void {
    if (this.#done) return;
    this.#flush();
    try {
      fsyncSync(this.#fd);
      closeSync(this.#fd);
      this.#done = true;
      renameSync(this.#tmp, this.path);
      pending.delete(this.#tmp);
    } catch (e) {
      this.abort();
      throw asOutputError(e, this.what, this.path);
    }
  }

  /** Removes the temporary file; the destination is left as it was. */
  abort(): void {
    this.#buffer = [];
    if (!this.#done) {
      this.#done = true;
      try {
        closeSync(this.#fd);
      } catch {
        // already closed
      }
    }
    rmSync(this.#tmp, { force: true });
    pending.delete(this.#tmp);
  }
}

/** Writes a whole file atomically (see `AtomicFile`). */
export function writeFileAtomic(path: string, text: string, what = 'file'): void {
  const f = new AtomicFile(path, what);
  f.write(text);
  f.commit();
}
