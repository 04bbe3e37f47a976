/** A label import's outcome as it crosses from the compute worker to the page. */
import type { LabelImport } from './label-import';

/** A label import's outcome as plain data: the import, or the error's message. */
export type LabelImportOutcome = { readonly ok: true; readonly value: LabelImport } | { readonly ok: false; readonly message: string };
