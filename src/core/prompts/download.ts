/**
 * Downloading PRISM's public conversations file in the browser (or in Node), with progress.
 * The file is large (every conversation with its turns), so it is read as a stream and only each
 * line's `opening_prompt` is kept: memory holds the prompts, never the whole file.
 */
import { JsonlLines } from '../records/json-text';
import { ProblemLog } from '../records/problems';
import { PromptRows, type PromptImport } from './importers';

/** PRISM's conversations on Hugging Face (CC-BY-4.0; Kirk et al. 2024). */
export const PRISM_CONVERSATIONS_URL = 'https://huggingface.co/datasets/HannahRoseKirk/prism-alignment/resolve/main/conversations.jsonl';

/** Progress of a download. */
export interface DownloadProgress {
  /** Bytes received so far. */
  readonly received: number;
  /** Total bytes from Content-Length; undefined when the server does not say. */
  readonly total?: number;
}

/** A download that failed: the host could not be reached, answered with an error, or was cancelled. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  /** "network" (no answer), "http" (error status), "aborted" (cancelled). */
  readonly kind: 'network' | 'http' | 'aborted';
  /** The HTTP status when kind is "http". */
  readonly status?: number;
  constructor(kind: 'network' | 'http' | 'aborted', message: string, status?: number) {
    super(message);
    this.kind = kind;
    if (status !== undefined) this.status = status;
  }
}

/** Options for a download. */
export interface DownloadOptions {
  /** Cancels the download (rejects with a DownloadError of kind "aborted"). */
  readonly signal?: AbortSignal;
  /** Called after every chunk. */
  readonly onProgress?: (p: DownloadProgress) => void;
  /** The fetch to use (tests pass their own); default the global one. */
  readonly fetch?: typeof fetch;
}

function hostOf(url: string): string {
  const m = /^[a-z]+:\/\/([^/]+)/i.exec(url);
  return m?.[1] ?? url;
}

/** Streams a URL's body, calling `onText` with decoded text pieces. Rejects with `DownloadError`. */
async function streamText(url: string, onText: (piece: string) => void, options: DownloadOptions = {}): Promise<void> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, options.signal ? { signal: options.signal } : {});
  } catch (e) {
    if (options.signal?.aborted) throw new DownloadError('aborted', 'The download was cancelled.');
    throw new DownloadError(
      'network',
      `Could not reach ${hostOf(url)} (${e instanceof Error ? e.message : String(e)}). Check the connection, or download the file yourself and import it.`,
    );
  }
  if (!response.ok) {
    throw new DownloadError('http', `${hostOf(url)} answered ${response.status} ${response.statusText} for ${url}.`, response.status);
  }
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  const decoder = new TextDecoder();
  let received = 0;
  try {
    if (!response.body) {
      const text = await response.text();
      received = text.length;
      onText(text);
    } else {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!value) continue;
        received += value.byteLength;
        onText(decoder.decode(value, { stream: true }));
        options.onProgress?.(total === undefined ? { received } : { received, total });
      }
      onText(decoder.decode());
    }
  } catch (e) {
    if (options.signal?.aborted) throw new DownloadError('aborted', 'The download was cancelled.');
    throw new DownloadError(
      'network',
      `The connection to ${hostOf(url)} broke after ${received} bytes (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
  options.onProgress?.({ received, total: total ?? received });
}

/**
 * Downloads a PRISM-style JSONL file and keeps each line's prompt (`opening_prompt`, or any field
 * the importer accepts). Lines are read by the record reader's JSON lines as they arrive.
 */
export async function downloadPromptsJsonl(url: string, options: DownloadOptions = {}): Promise<PromptImport> {
  const log = new ProblemLog(url.split('/').pop() ?? url);
  const rows = new PromptRows(log);
  const lines = new JsonlLines(log, (row) => rows.add(row), { stringField: 'text' });
  await streamText(url, (piece) => lines.push(piece), options);
  lines.end();
  return rows.done();
}
