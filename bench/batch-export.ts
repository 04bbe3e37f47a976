/**
 * Issue #9's batch-export figures at the paper's scale: 1,586 personas × `--per-persona 150 --judge`
 * (317,200 pairs). With the default (the paper's one y_l per pair): the first `batch export` (base
 * answers), an import of scripted answers, and the second export (one critique per pair); with
 * `--yl shared` (every pair waits on a few shared base answers: the case that was quadratic): the
 * first export. Wall time, the command's peak memory, and what lands on disk. Prompts: PRISM's
 * opening prompts through the paper's filters when ../shared/data has them, else the built-in 330.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { dpfResponder } from '../test/doubles/scripted-client';
import type { Bench } from './types';

const PRISM = join(process.cwd(), '../shared/data/prism/prism_opening_prompts.json');

/** Runs a CLI command in a child process; resolves with wall time, peak RSS and stdout. */
async function cli(args: string[], dir: string): Promise<{ s: number; peakMb: number; stdout: string }> {
  const rss = join(dir, `rss-${Date.now()}`);
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/cli-child.ts', ...args], {
    env: { ...process.env, BENCH_RSS_FILE: rss },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  const s = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`cli ${args.slice(0, 2).join(' ')} exited ${code}: ${stderr.slice(-400)}`);
  return { s, peakMb: Number(readFileSync(rss, 'utf8')) / 1024, stdout };
}

/** Answers a request file as vLLM's run-batch would, streaming (it can be hundreds of MB). */
async function answer(requests: string, out: string): Promise<void> {
  const w = createWriteStream(out);
  for await (const l of createInterface({ input: createReadStream(requests) })) {
    const r = JSON.parse(l) as { custom_id: string; body: { model: string; messages: Array<{ role: 'user'; content: string }> } };
    const body = {
      model: r.body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: dpfResponder({ messages: r.body.messages }) }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 5 },
    };
    if (!w.write(JSON.stringify({ custom_id: r.custom_id, error: null, response: { status_code: 200, body } }) + '\n'))
      await once(w, 'drain');
  }
  w.end();
  await once(w, 'finish');
}

const mb = (path: string) => (existsSync(path) ? statSync(path).size / 2 ** 20 : 0);

interface Figures {
  base: { s: number; peakMb: number; lines: number };
  critique?: { s: number; peakMb: number; lines: number; fileMb: number };
  itemsMb: number;
  pairs: number;
  prompts: string;
}

/** Counts a file's lines without reading it whole. */
async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const _ of createInterface({ input: createReadStream(path) })) n++;
  return n;
}

/** The exports of one configuration (`extra` options); `second`: import answers and export the critiques too. */
async function measure(extra: readonly string[], second: boolean): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'persona-lab-batch-bench-'));
  try {
    const personas = join(dir, 'personas.jsonl');
    const prompts = join(dir, 'prompts.jsonl');
    await cli(['personas', '--count', '1586', '--seed', '1', '--out', personas], dir);
    const prism = existsSync(PRISM);
    const made = await cli(['prompts', ...(prism ? ['--in', PRISM] : ['--default'])], dir);
    writeFileSync(prompts, made.stdout);
    const out = join(dir, 'run');
    const options = ['--model', 'm', '--personas', personas, '--prompts', prompts, '--out', out, '--per-persona', '150', '--judge'];
    const args = ['batch', 'export', ...options, ...extra];
    const base = await cli(args, dir);
    const first = base.stdout.trim();
    const figures: Figures = {
      base: { s: base.s, peakMb: base.peakMb, lines: await countLines(first) },
      itemsMb: 0,
      pairs: 0,
      prompts: prism ? 'PRISM opening prompts after the paper filters' : 'the built-in 330 prompts (PRISM not found)',
    };
    if (second) {
      await answer(first, join(dir, 'out-1.jsonl'));
      await cli(['batch', 'import', join(dir, 'out-1.jsonl'), '--out', out], dir);
      rmSync(join(dir, 'out-1.jsonl'));
      const r = await cli(args, dir);
      const file = r.stdout.trim();
      figures.critique = { s: r.s, peakMb: r.peakMb, lines: await countLines(file), fileMb: mb(file) };
    }
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { counts: { pairs: { total: number } } };
    return { ...figures, itemsMb: mb(join(out, 'items.jsonl')), pairs: run.counts.pairs.total };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The suite. */
export async function batchExportBenches(): Promise<Bench[]> {
  let paper: Promise<Figures> | undefined;
  let shared: Promise<Figures> | undefined;
  const perPair = () => (paper ??= measure([], true));
  const sharedYl = () => (shared ??= measure(['--yl', 'shared'], false));
  const scale = (x: Figures) => `${x.pairs.toLocaleString('en-US')} pairs (1,586 personas × --per-persona 150 --judge; ${x.prompts})`;
  const row = (id: string, unit: string, title: string, run: () => Promise<{ value: number; detail: string }>): Bench => ({
    id: `batch.${id}`,
    issue: 9,
    unit,
    title,
    run,
  });
  return [
    row('export-base-time', 's', 'batch export, first stage (one base answer per pair), paper scale: wall time', async () => {
      const x = await perPair();
      return {
        value: x.base.s,
        detail: `${x.base.lines.toLocaleString('en-US')} requests for ${scale(x)}; child process, tsx start-up included`,
      };
    }),
    row('export-base-memory', 'MB', 'batch export, first stage, paper scale: peak resident memory', async () => {
      const x = await perPair();
      return { value: x.base.peakMb, detail: 'request lines streamed to the file as they are found' };
    }),
    row('export-critique-time', 's', 'batch export, second stage (one critique per pair), paper scale: wall time', async () => {
      const c = (await perPair()).critique!;
      return { value: c.s, detail: `${c.lines.toLocaleString('en-US')} requests, ${c.fileMb.toFixed(0)} MB request file` };
    }),
    row('export-critique-memory', 'MB', 'batch export, second stage, paper scale: peak resident memory', async () => {
      const c = (await perPair()).critique!;
      return { value: c.peakMb, detail: "after importing the first stage's answers" };
    }),
    row('items-jsonl', 'MB', 'items.jsonl after both exports and one import, paper scale', async () => {
      const x = await perPair();
      return { value: x.itemsMb, detail: 'the base answers made from the import; pairs waiting on a batch file are not written' };
    }),
    row(
      'export-shared-time',
      's',
      'batch export --yl shared, first stage (every pair waits on a shared base answer): wall time',
      async () => {
        const x = await sharedYl();
        return { value: x.base.s, detail: `${x.base.lines.toLocaleString('en-US')} requests for ${scale(x)}` };
      },
    ),
    row('export-shared-memory', 'MB', 'batch export --yl shared, first stage: peak resident memory', async () => {
      const x = await sharedYl();
      return { value: x.base.peakMb, detail: `items.jsonl ${x.itemsMb.toFixed(1)} MB after it` };
    }),
  ];
}
