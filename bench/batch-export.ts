/**
 * Issue #9's batch-export figures at the paper's scale: 1,586 personas × `--per-persona 150 --judge`
 * (317,200 pairs). The first `batch export` (base answers), an import of scripted answers, and the
 * second export (one critique per pair): wall time, the command's peak memory, and what lands on disk.
 * Prompts: PRISM's opening prompts through the paper's filters when ../shared/data has them, else
 * the built-in 330.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { dpfResponder } from '../test/doubles/scripted-llm';
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
  critique: { s: number; peakMb: number; lines: number; fileMb: number };
  itemsMb: number;
  pairs: number;
  prompts: string;
}

async function measure(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'persona-lab-batch-bench-'));
  try {
    const personas = join(dir, 'personas.jsonl');
    const prompts = join(dir, 'prompts.jsonl');
    await cli(['personas', '--count', '1586', '--seed', '1', '--out', personas], dir);
    const prism = existsSync(PRISM);
    const made = await cli(['prompts', ...(prism ? ['--in', PRISM] : ['--default'])], dir);
    writeFileSync(prompts, made.stdout);
    const out = join(dir, 'run');
    const args = [
      'batch',
      'export',
      '--model',
      'm',
      '--personas',
      personas,
      '--prompts',
      prompts,
      '--out',
      out,
      '--per-persona',
      '150',
      '--judge',
    ];
    const base = await cli(args, dir);
    const first = base.stdout.trim();
    const baseLines = readFileSync(first, 'utf8').trim().split('\n').length;
    await answer(first, join(dir, 'out-1.jsonl'));
    await cli(['batch', 'import', join(dir, 'out-1.jsonl'), '--out', out], dir);
    rmSync(join(dir, 'out-1.jsonl'));
    const critique = await cli(args, dir);
    const second = critique.stdout.trim();
    let lines = 0;
    for await (const _ of createInterface({ input: createReadStream(second) })) lines++;
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { counts: { pairs: { total: number } } };
    return {
      base: { s: base.s, peakMb: base.peakMb, lines: baseLines },
      critique: { s: critique.s, peakMb: critique.peakMb, lines, fileMb: mb(second) },
      itemsMb: mb(join(out, 'items.jsonl')),
      pairs: run.counts.pairs.total,
      prompts: prism ? 'PRISM opening prompts after the paper filters' : 'the built-in 330 prompts (PRISM not found)',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The suite. */
export async function batchExportBenches(): Promise<Bench[]> {
  let f: Promise<Figures> | undefined;
  const figures = () => (f ??= measure());
  const scale = (x: Figures) => `${x.pairs.toLocaleString('en-US')} pairs (1,586 personas × --per-persona 150 --judge; ${x.prompts})`;
  return [
    {
      id: 'batch.export-base-time',
      issue: 9,
      unit: 's',
      title: 'batch export, first stage (base answers), paper scale: wall time',
      async run() {
        const x = await figures();
        return {
          value: x.base.s,
          detail: `${x.base.lines.toLocaleString('en-US')} requests for ${scale(x)}; child process, tsx start-up included`,
        };
      },
    },
    {
      id: 'batch.export-base-memory',
      issue: 9,
      unit: 'MB',
      title: 'batch export, first stage, paper scale: peak resident memory',
      async run() {
        const x = await figures();
        return { value: x.base.peakMb, detail: scale(x) };
      },
    },
    {
      id: 'batch.export-critique-time',
      issue: 9,
      unit: 's',
      title: 'batch export, second stage (one critique per pair), paper scale: wall time',
      async run() {
        const x = await figures();
        return {
          value: x.critique.s,
          detail: `${x.critique.lines.toLocaleString('en-US')} requests, ${x.critique.fileMb.toFixed(0)} MB request file`,
        };
      },
    },
    {
      id: 'batch.export-critique-memory',
      issue: 9,
      unit: 'MB',
      title: 'batch export, second stage, paper scale: peak resident memory',
      async run() {
        const x = await figures();
        return { value: x.critique.peakMb, detail: 'request lines streamed to the file as they are found' };
      },
    },
    {
      id: 'batch.items-jsonl',
      issue: 9,
      unit: 'MB',
      title: 'items.jsonl after both exports and one import, paper scale',
      async run() {
        const x = await figures();
        return { value: x.itemsMb, detail: 'pairs waiting on a batch file are not written; each shared y_l once' };
      },
    },
  ];
}
