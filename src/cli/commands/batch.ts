/**
 * `npm run cli -- batch export|import`: the pipeline through OpenAI Batch files, for vLLM's
 * run-batch or OpenAI's Batch API. `export` writes the calls the run needs next (one stage at a
 * time) to <dir>/batches/batch-NNN.requests.jsonl with a manifest; `import` reads an output file,
 * joins it on custom_id, and stores the answers in <dir>'s call cache; `export` again goes on.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command';
import { batchManifest, collectBatch, importBatchOutput, type BatchManifest } from '../../core/pipeline/batch';
import { UnavailableClient } from '../../core/pipeline/judge-run';
import { retryFailed } from '../../core/pipeline/run-scan';
import { FileStore } from '../pipeline/file-store';
import { AtomicFile, asOutputError, writeFileAtomic } from '../output-files';
import { reportEnd } from '../exit-codes';
import { openRun, parsePipelineOptions, PIPELINE_OPTIONS_HELP } from '../pipeline/options';
import { writeOutputs } from '../pipeline/outputs';
import { problemLines } from '../../core/records/problems';
import { readText } from '../pipeline/inputs';
import { appVersion } from '../pipeline/app-version';

const USAGE = `Usage: npm run cli -- batch export --model <name> --personas <personas.jsonl> --prompts <prompts.jsonl>
                                   --out <dir> [options]
       npm run cli -- batch import <output.jsonl>… --out <dir>

export  Writes the calls the run needs next as an OpenAI Batch request file
        (<dir>/batches/batch-NNN.requests.jsonl: custom_id, method, url "/v1/chat/completions", body)
        and its manifest (batch-NNN.manifest.json), and prints the request file's path on stdout.
        Stages go one file at a time: base answers, critiques, revisions, judge verdicts.
        With nothing left to ask, it says so and prints nothing. pairs.jsonl and run.json are
        rewritten each time with the pairs finished so far.
import  Reads output files as vLLM run-batch or the OpenAI Batch API write them, joins them on
        custom_id with the manifests in <dir>/batches, and stores the answers in the call cache.
        Failed lines are reported and asked for again by the next export.

Run "batch export" with the same options each time (the options of "run", without --endpoint):
${PIPELINE_OPTIONS_HELP}`;

function manifests(dir: string): BatchManifest[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, 'batches'))
      .filter((f) => f.endsWith('.manifest.json'))
      .sort();
  } catch {
    return [];
  }
  return names.map((f) => JSON.parse(readFileSync(join(dir, 'batches', f), 'utf8')) as BatchManifest);
}

async function exportBatch(args: readonly string[]): Promise<number> {
  const o = parsePipelineOptions(args, false);
  const warn = (m: string) => process.stderr.write(`batch export: ${m}\n`);
  const store = new FileStore(o.out);
  try {
    const run = await openRun(store, o, appVersion(), warn);
    if (o.retryFailed) warn(`retrying ${await retryFailed(store, run.id)} failed item(s)`);
    const c = run.config;
    const client = (m: typeof c.generator) => new UnavailableClient(m.model, true);
    const n = manifests(o.out).length + 1;
    const id = `batch-${String(n).padStart(3, '0')}`;
    const file = `${id}.requests.jsonl`;
    const dir = join(o.out, 'batches');
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw asOutputError(e, 'batch folder', dir);
    }
    // Lines go to the file as they are found (a paper-scale stage is hundreds of MB), renamed into place when complete.
    const requests = new AtomicFile(join(dir, file), 'batch request file');
    try {
      const found = await collectBatch(
        run.id,
        store,
        { generator: client(c.generator), critic: client(c.critic), judges: c.judges.map(client) },
        { onLine: (l) => requests.write(JSON.stringify(l) + '\n') },
      );
      const { customIds, stages, outcome } = found;
      await writeOutputs(store, (await store.getRun(run.id)) ?? run, outcome, o.out);
      const end = { status: outcome.status, done: outcome.pairs.done, total: outcome.pairs.total, unit: 'pairs' };
      if (customIds.length === 0) {
        warn(
          `nothing left to request: ${outcome.pairs.done} of ${outcome.pairs.total} pairs done, ${outcome.pairs.failed} failed (see ${join(o.out, 'run.json')}).`,
        );
        return reportEnd(outcome.error ? { ...end, error: outcome.error } : end, false, warn);
      }
      requests.commit();
      writeFileAtomic(
        join(dir, `${id}.manifest.json`),
        JSON.stringify(batchManifest(id, run.id, file, found, stages), null, 2) + '\n',
        'batch manifest',
      );
      warn(
        `${customIds.length} request(s) (${Object.entries(stages)
          .map(([s, k]) => `${k} ${s}`)
          .join(', ')}); ${outcome.pairs.done} of ${outcome.pairs.total} pairs done so far.`,
      );
      process.stdout.write(`${join(dir, file)}\n`);
      return 0;
    } finally {
      requests.abort();
    }
  } finally {
    store.close();
  }
}

async function importBatch(args: readonly string[]): Promise<number> {
  let parsed: { values: { out?: string }; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], strict: true, allowPositionals: true, options: { out: { type: 'string' } } });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const dir = parsed.values.out;
  if (!dir) throw new UsageError('--out is required.');
  if (parsed.positionals.length === 0) throw new UsageError('Name at least one output file to import.');
  const known = manifests(dir);
  if (known.length === 0) throw new Error(`${dir} has no batch manifest (batches/*.manifest.json); run "batch export" first.`);
  const store = new FileStore(dir);
  let imported = 0;
  try {
    const reports = [];
    for (const path of parsed.positionals) {
      const r = await importBatchOutput(store, known, readText(path, 'batch output'), basename(path));
      imported += r.imported + r.alreadyCached;
      for (const line of problemLines(r)) process.stderr.write(`batch import: ${line}\n`);
      for (const f of r.failed.slice(0, 5)) process.stderr.write(`batch import: ${basename(path)}: ${f.customId} failed: ${f.message}\n`);
      if (r.unknown)
        process.stderr.write(`batch import: ${basename(path)}: ${r.unknown} line(s) with a custom_id no manifest in ${dir} knows\n`);
      reports.push({
        file: path,
        imported: r.imported,
        alreadyCached: r.alreadyCached,
        failed: r.failed.length,
        unknown: r.unknown,
        unreadable: r.total,
      });
    }
    process.stdout.write(JSON.stringify({ out: dir, files: reports }) + '\n');
    process.stderr.write('batch import: run "batch export" with the same options to go on.\n');
    return imported > 0 ? 0 : 1;
  } finally {
    store.close();
  }
}

export const batchCommand: Command = {
  name: 'batch',
  summary: 'export the next stage as an OpenAI Batch file, or import its output',
  usage: USAGE,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'export') return exportBatch(rest);
    if (sub === 'import') return importBatch(rest);
    throw new UsageError(sub ? `Unknown batch sub-command "${sub}" (export or import).` : 'Say "batch export" or "batch import".');
  },
};
