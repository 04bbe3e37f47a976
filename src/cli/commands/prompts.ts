/**
 * `npm run cli -- prompts`: a prompt file (PRISM's conversations.jsonl, a JSON array of strings,
 * CSV or Parquet) or the built-in set, through the paper's rule filters, optionally the paper's
 * LLM controversy classifier against an OpenAI-compatible endpoint (`classifyPrompts`, the one the
 * Prompts page runs), topic labels and the stratified train/held-out split, written as
 * prompts.jsonl on stdout (the `run` command's input). The report (what was kept and dropped, by
 * topic and split) goes to stderr.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command';
import { reportEnd } from '../exit-codes';
import { intOption } from '../option-values';
import {
  endpointWarnings,
  serverOptions,
  SERVER_OPTIONS,
  SERVER_OPTIONS_HELP,
  transportRetryWarner,
  type ServerOptions,
  serverClient,
} from '../pipeline/server-options';
import { normalizeBaseUrl, secretsIn } from '../../core/llm/openai-http';
import { classifyPrompts, type ClassifyResult } from '../../core/prompts/classify';
import { defaultPrompts } from '../../core/prompts/default-set';
import { FileStore } from '../pipeline/file-store';
import { countByTopic, ruleFilter } from '../../core/prompts/filters';
import { readPromptFile } from '../../core/prompts/importers';
import { problemLines } from '../../core/records/problems';
import { PAPER_HELDOUT_FRACTION, splitByTopic } from '../../core/prompts/split';
import type { PromptItem } from '../../core/prompts/types';

const USAGE = `Usage: npm run cli -- prompts (--in <file> | --default) [options] > prompts.jsonl

Reads prompts (PRISM conversations.jsonl with "opening_prompt", a JSON array of strings, CSV or
Parquet), drops those without a question mark or under --min-words words and duplicates (PERSONA
§3.2), labels topics by keyword rules where the file has none, splits train/held-out stratified by
topic, and writes one {"id","text","topic","split"} object per line to stdout. With
--classify-endpoint the paper's LLM controversy classifier then keeps only the prompts the model
calls controversial (PERSONA kept 3,868 of PRISM's prompts this way); a prompt whose answer cannot
be read is kept and counted as unclassified.

  --in <file>                  the prompt file
  --default                    the built-in set of ${defaultPrompts().length} questions instead
  --min-words <n>              minimum words (default 5)
  --heldout-fraction <f>       held-out share in [0, 1] (default 868/3868 ≈ ${PAPER_HELDOUT_FRACTION.toFixed(4)})
  --seed <S>                   split seed (default 1)
  --classify-endpoint <URL>    run the controversy classifier on this OpenAI-compatible API root
  --classify-model <name>      the model to ask (required with --classify-endpoint)
  --classify-topics            let the model label the topics too (instead of the keyword rules)
  --classify-cache <dir>       keep the classifier's call cache in <dir>: a rerun sends no request
                               for a prompt already classified
The classifier talks to its server as \`run\` does:
${SERVER_OPTIONS_HELP}

Exit code: 0 when prompts.jsonl is written; 1 when the classifier stopped (server unreachable, key
refused, no such model; nothing is written); 2 for a usage error.`;

export const promptsCommand: Command = {
  name: 'prompts',
  summary: 'filter and split a prompt file (PRISM) into prompts.jsonl',
  usage: USAGE,
  async run(args) {
    let values: Record<string, string | boolean | undefined>;
    try {
      ({ values } = parseArgs({
        args: [...args],
        strict: true,
        options: {
          in: { type: 'string' },
          default: { type: 'boolean' },
          'min-words': { type: 'string' },
          'heldout-fraction': { type: 'string' },
          seed: { type: 'string' },
          'classify-endpoint': { type: 'string' },
          'classify-model': { type: 'string' },
          'classify-topics': { type: 'boolean' },
          'classify-cache': { type: 'string' },
          ...SERVER_OPTIONS,
        },
      }));
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const minWords = intOption('min-words', values['min-words'], 5, 1);
    const fraction = Number(values['heldout-fraction'] ?? PAPER_HELDOUT_FRACTION);
    const seed = intOption('seed', values.seed, 1, 0);
    if (!(fraction >= 0 && fraction <= 1))
      throw new UsageError(`--heldout-fraction must be between 0 and 1, got "${String(values['heldout-fraction'])}".`);
    const endpoint = values['classify-endpoint'];
    const model = values['classify-model'];
    if (typeof endpoint === 'string' && typeof model !== 'string')
      throw new UsageError('--classify-endpoint needs --classify-model <name>.');
    const needEndpoint = ['classify-model', 'classify-topics', 'classify-cache', ...Object.keys(SERVER_OPTIONS)].filter(
      (k) => values[k] !== undefined,
    );
    if (typeof endpoint !== 'string' && needEndpoint.length)
      throw new UsageError(
        `${needEndpoint.map((k) => `--${k}`).join(', ')} ${needEndpoint.length === 1 ? 'needs' : 'need'} --classify-endpoint <URL>.`,
      );
    const server = serverOptions(values);
    let input: PromptItem[];
    if (values.default) input = defaultPrompts();
    else if (typeof values.in === 'string') {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(values.in);
      } catch (e) {
        throw new Error(
          `Cannot read the prompt file ${values.in}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (e as Error).message}.`,
          { cause: e },
        );
      }
      const r = await readPromptFile(bytes, basename(values.in));
      for (const line of problemLines(r)) process.stderr.write(`prompts: skipped ${line}\n`);
      input = r.prompts;
    } else throw new UsageError('Give --in <file> or --default.');
    process.stdout.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0); // the reader stopped early (| head): not a failure
    });
    const { prompts: ruled, report } = ruleFilter(input, { minWords });
    let prompts = ruled;
    if (typeof endpoint === 'string') {
      const cacheDir = values['classify-cache'] as string | undefined;
      const r = await classify(ruled, endpoint, model as string, values['classify-topics'] === true, cacheDir, server);
      if ('stopped' in r) {
        const next = cacheDir
          ? undefined
          : 'nothing was written: fix the cause and run the same command again (with --classify-cache <dir> a rerun asks nothing twice).';
        const end = {
          status: 'failed',
          error: r.stopped,
          done: r.done,
          total: ruled.length,
          unit: 'prompts',
          ...(next ? { next } : {}),
        };
        return reportEnd(end, false, (m) => process.stderr.write(`prompts: ${m}\n`));
      }
      prompts = r.prompts;
    }
    const split = splitByTopic(prompts, { seed, heldoutFraction: fraction });
    for (const p of split) process.stdout.write(JSON.stringify({ id: p.id, text: p.text, topic: p.topic, split: p.split }) + '\n');
    const held = split.filter((p) => p.split === 'heldout').length;
    process.stderr.write(
      `prompts: ${report.input} read, ${report.kept} kept (dropped: ${
        Object.entries(report.dropped)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ') || 'none'
      }); ` +
        `${split.length - held} train, ${held} held out; topics: ${[...countByTopic(split)].map(([t, n]) => `${t} ${n}`).join(', ')}\n`,
    );
    return 0;
  },
};

/** Runs the controversy classifier over the prompts, reporting on stderr; why it stopped and how many were classified, when the server cannot be used. */
async function classify(
  prompts: PromptItem[],
  endpoint: string,
  model: string,
  topics: boolean,
  cacheDir: string | undefined,
  server: ServerOptions,
): Promise<ClassifyResult | { stopped: string; done: number }> {
  const baseUrl = normalizeBaseUrl(endpoint);
  const log = (m: string) => process.stderr.write(`prompts: ${m}\n`);
  for (const w of endpointWarnings(endpoint, secretsIn(endpoint), server.apiKey)) log(w);
  const llm = serverClient(baseUrl, model, server);
  const cache = cacheDir ? new FileStore(cacheDir) : undefined;
  let last = 0;
  let classified = 0;
  try {
    const r = await classifyPrompts(prompts, {
      llm,
      controversy: true,
      topics,
      transportRetries: server.retries,
      onTransportRetry: transportRetryWarner(log, server.retries),
      ...(cache ? { cache } : {}),
      onProgress: (done, total) => {
        classified = done;
        if (done === total || done - last >= 100) ((last = done), log(`classified ${done} of ${total}`));
      },
    });
    log(
      `classifier ${model} at ${baseUrl}: ${r.prompts.length} kept as controversial, ${r.notControversial} dropped, ` +
        `${r.unclassified} unclassified (kept)`,
    );
    return r;
  } catch (e) {
    return { stopped: `the classifier could not reach ${baseUrl}: ${e instanceof Error ? e.message : String(e)}`, done: classified };
  } finally {
    cache?.close();
  }
}
