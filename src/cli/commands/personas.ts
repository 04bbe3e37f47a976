/**
 * `npm run cli -- personas`: writes a persona set, one persona per line (JSONL) or as CSV. The
 * contract other tools rely on: stdout holds the data and nothing else; messages go to stderr;
 * bad arguments exit with code 2. Every persona keeps the hard and consistency rules; with
 * `--review-endpoint` the paper's LLM consistency review (`reviewPersonas`, the one the app runs)
 * also reads each persona and a rejected one is replaced by the generator's next draw.
 */
import { existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { buildCensusModelFromFiles } from '../census/pums-files';
import { loadDefaultCensusModel, PumsFormatError } from '../../core/census/index';
import { censusSource } from '../../core/personas/census-source';
import { normalizeBaseUrl, secretsIn } from '../../core/llm/openai-http';
import { PersonaGenerator } from '../../core/personas/generate';
import { reviewPersonas, type ReviewReport } from '../../core/personas/review';
import { csvRows, personaLine } from '../../core/personas/io';
import { assignSplits, PAPER_COUNT } from '../../core/personas/split';
import type { Persona, PersonaSplit } from '../../core/personas/schema';
import { UsageError, type Command } from '../command';
import { reportEnd } from '../exit-codes';
import { AtomicFile } from '../output-files';
import { FileStore } from '../pipeline/file-store';
import {
  endpointWarnings,
  serverOptions,
  SERVER_OPTIONS_HELP,
  transportRetryWarner,
  type ServerOptions,
  serverClient,
} from '../pipeline/server-options';

const USAGE = `Usage: npm run cli -- personas [--count <N>] [--seed <S>] [--min-age <A>] [--max-age <B>]
                              [--pums <person.csv>…] [--pums-housing <housing.csv>…]
                              [--format jsonl|csv] [--out <file>]
                              [--review-endpoint <URL> --review-model <name> [--review-cache <dir>]
                               [--request-timeout <s>] [--retries <n>] [--api-key <key>]]

Writes a census-grounded persona set: one persona per line, a JSON object with "id", "split",
PERSONA's 33 attributes and "core values" (JSONL), or a CSV with those columns.

  --count <N>            personas to generate (default ${PAPER_COUNT}, as in PERSONA)
  --seed <S>             seed text (default "0"); the same seed and options give the same set
  --min-age <A>          youngest age, 0-99 (default 0)
  --max-age <B>          oldest age, 0-99 (default 99); the distribution within the range stays census-true
  --pums <file>…         ACS PUMS person files (psam_p*.csv or Parquet) to build the census model from,
                         instead of the embedded national model (ACS 2024 1-year)
  --pums-housing <file>… matching PUMS housing files (psam_h*.csv), joined on SERIALNO
  --format jsonl|csv     output format (default jsonl)
  --out <file>           write to a file instead of stdout
  --review-endpoint <URL> the paper's LLM consistency review: an OpenAI-compatible API root; the model
                         reads each persona, a persona it calls implausible is replaced by the next
                         draw for its index (same id and split; up to 4 candidates), and stderr
                         reports the share it rejected. Without it the consistency rules alone run.
  --review-model <name>  the model to ask (required with --review-endpoint)
  --review-cache <dir>   keep the review's call cache in <dir>: a rerun after a stop asks nothing twice
The review talks to its server as \`run\` does:
${SERVER_OPTIONS_HELP}

Exit code: 0 when the set is written; 1 when the review stopped (server unreachable, key refused, no
such model; nothing is written), or a PUMS file could not be read; 2 for a usage error.
`;

/** Parsed options. */
export interface PersonasArgs {
  count: number;
  seed: string;
  minAge?: number;
  maxAge?: number;
  pums: string[];
  pumsHousing: string[];
  format: 'jsonl' | 'csv';
  out?: string;
  reviewEndpoint?: string;
  reviewModel?: string;
  reviewCache?: string;
  /** How the review talks to its server (timeouts, retries, API key). */
  server: ServerOptions;
}

const MAX_COUNT = 10_000_000;

function wholeNumber(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || !/^\d+$/.test(raw)) throw new UsageError(`${flag} needs a whole number, got "${raw ?? ''}".`);
  const n = Number(raw);
  if (n < min || n > max) throw new UsageError(`${flag} must be from ${min} to ${max}, got ${n}.`);
  return n;
}

/** Parses the arguments after "personas"; throws UsageError for anything malformed. */
export function parsePersonasArgs(argv: readonly string[]): PersonasArgs {
  const server: Record<string, string> = {};
  const out: Omit<PersonasArgs, 'server'> = { count: PAPER_COUNT, seed: '0', pums: [], pumsHousing: [], format: 'jsonl' };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value.`);
      i++;
      return v;
    };
    const single = () => {
      if (seen.has(flag)) throw new UsageError(`${flag} is given twice.`);
      seen.add(flag);
    };
    switch (flag) {
      case '--count':
        single();
        out.count = wholeNumber(flag, value(), 1, MAX_COUNT);
        break;
      case '--seed':
        single();
        out.seed = value();
        if (out.seed === '') throw new UsageError('--seed needs a non-empty value.');
        break;
      case '--min-age':
        single();
        out.minAge = wholeNumber(flag, value(), 0, 99);
        break;
      case '--max-age':
        single();
        out.maxAge = wholeNumber(flag, value(), 0, 99);
        break;
      case '--format': {
        single();
        const f = value();
        if (f !== 'jsonl' && f !== 'csv') throw new UsageError(`--format must be jsonl or csv, got "${f}".`);
        out.format = f;
        break;
      }
      case '--out':
        single();
        out.out = value();
        break;
      case '--review-endpoint':
        single();
        out.reviewEndpoint = value();
        break;
      case '--review-model':
        single();
        out.reviewModel = value();
        break;
      case '--review-cache':
        single();
        out.reviewCache = value();
        break;
      case '--request-timeout':
      case '--retries':
      case '--api-key':
        single();
        server[flag.slice(2)] = value();
        break;
      case '--pums':
      case '--pums-housing': {
        const list = flag === '--pums' ? out.pums : out.pumsHousing;
        if (inline !== undefined) list.push(inline);
        else {
          const start = list.length;
          while (i + 1 < argv.length && !(argv[i + 1] as string).startsWith('--')) list.push(argv[++i] as string);
          if (list.length === start) throw new UsageError(`${flag} needs at least one file.`);
        }
        break;
      }
      default:
        throw new UsageError(`Unknown argument "${arg}".`);
    }
  }
  if (out.minAge !== undefined && out.maxAge !== undefined && out.minAge > out.maxAge) {
    throw new UsageError(`--min-age ${out.minAge} is above --max-age ${out.maxAge}.`);
  }
  if (out.pumsHousing.length && !out.pums.length) throw new UsageError('--pums-housing needs --pums person files too.');
  if (out.reviewEndpoint !== undefined && !out.reviewModel) throw new UsageError('--review-endpoint needs --review-model <name>.');
  if (out.reviewEndpoint === undefined) {
    const alone = [
      out.reviewModel !== undefined && '--review-model',
      out.reviewCache !== undefined && '--review-cache',
      ...Object.keys(server).map((k) => `--${k}`),
    ];
    const given = alone.filter((f) => typeof f === 'string');
    if (given.length) throw new UsageError(`${given.join(', ')} ${given.length === 1 ? 'needs' : 'need'} --review-endpoint <URL>.`);
  }
  for (const f of [...out.pums, ...out.pumsHousing]) {
    if (!existsSync(f) || !statSync(f).isFile()) throw new UsageError(`No such file: ${f}`);
  }
  return { ...out, server: serverOptions(server) };
}

/** Writes text, waiting when the stream asks for it. */
async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function run(argv: readonly string[]): Promise<number> {
  const args = parsePersonasArgs(argv);
  const log = (m: string) => process.stderr.write(`${m}\n`);
  let model;
  try {
    model = args.pums.length
      ? await buildCensusModelFromFiles({ person: args.pums, housing: args.pumsHousing }, { log })
      : await loadDefaultCensusModel();
  } catch (e) {
    if (e instanceof PumsFormatError) {
      log(`personas: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const source = censusSource(model);
  const params = {
    seed: args.seed,
    count: args.count,
    ...(args.minAge !== undefined ? { minAge: args.minAge } : {}),
    ...(args.maxAge !== undefined ? { maxAge: args.maxAge } : {}),
  };
  let generator: PersonaGenerator;
  try {
    generator = new PersonaGenerator(source, params);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  const splits = assignSplits(args.count, args.seed);
  // --out: written to a temporary file and renamed when complete (a kill leaves the old file, never a partial one);
  // stdout going away (| head) ends the process quietly (src/cli/main.ts).
  const file = args.out ? new AtomicFile(args.out, 'personas file') : undefined;
  const put = (text: string) => (file ? file.write(text) : write(process.stdout, text));
  const review = args.reviewEndpoint ? reviewer(args, generator, splits, log) : undefined;
  try {
    const chunk = 1000;
    for (let start = 0; start < args.count; start += chunk) {
      let batch: Persona[] = [];
      const attempts: number[] = [];
      for (let i = start; i < Math.min(args.count, start + chunk); i++) {
        const r = generator.attributes(i);
        batch.push({ id: generator.id(i), split: splits[i] as PersonaSplit, ...r.attributes });
        attempts.push(r.attempt);
      }
      if (review) {
        const reviewed = await review.batch(batch, attempts, start);
        if (typeof reviewed === 'string') {
          const next = args.reviewCache
            ? undefined
            : 'nothing was written: fix the cause and run the same command again (with --review-cache <dir> a rerun asks nothing twice).';
          const end = { status: 'failed', error: reviewed, done: start, total: args.count, unit: 'personas', ...(next ? { next } : {}) };
          return reportEnd(end, false, (m) => log(`personas: ${m}`));
        }
        batch = reviewed;
      }
      const text =
        args.format === 'csv'
          ? (start === 0 ? '' : '\r\n') + csvRows(batch, start === 0)
          : batch.map((p) => personaLine(p) + '\n').join('');
      await put(text);
    }
    if (args.format === 'csv') await put('\r\n');
    file?.commit();
  } finally {
    file?.abort();
    review?.close();
  }
  if (review) log(review.summary());
  const train = splits.filter((s) => s === 'train').length;
  log(
    `personas: ${args.count.toLocaleString('en-US')} personas (${train.toLocaleString('en-US')} train, ${(args.count - train).toLocaleString('en-US')} test), seed "${args.seed}", census model ${source.id} (${model.meta.source})${args.out ? ` → ${args.out}` : ''}`,
  );
  return 0;
}

/** The `personas` command. */
export const personasCommand: Command = {
  name: 'personas',
  summary: 'Generate a census-grounded persona set (JSONL or CSV)',
  usage: USAGE,
  run,
};

/** The LLM consistency review over the set, batch by batch, with its running totals. */
function reviewer(args: PersonasArgs, generator: PersonaGenerator, splits: readonly PersonaSplit[], log: (m: string) => void) {
  const endpoint = args.reviewEndpoint ?? '';
  const model = args.reviewModel ?? '';
  const { server } = args;
  const baseUrl = normalizeBaseUrl(endpoint);
  const warn = (m: string) => log(`personas: ${m}`);
  for (const w of endpointWarnings(endpoint, secretsIn(endpoint), server.apiKey)) warn(w);
  const client = serverClient(baseUrl, model, server);
  const cache = args.reviewCache ? new FileStore(args.reviewCache) : undefined;
  const redraw = generator.redraw((i) => splits[i] as PersonaSplit);
  const totals = { personas: 0, firstRejected: 0, reviewed: 0, rejected: 0, unclear: 0, keptDespite: 0 };
  return {
    /** Reviews one batch (indexes from `start`); why not, when the server cannot be used. */
    async batch(batch: Persona[], attempts: number[], start: number): Promise<Persona[] | string> {
      let report: ReviewReport;
      let personas: Persona[];
      try {
        ({ personas, report } = await reviewPersonas(batch, client, {
          redraw: (index, fromAttempt) => redraw(start + index, fromAttempt),
          attempts,
          transportRetries: server.retries,
          onTransportRetry: transportRetryWarner(warn, server.retries),
          ...(cache ? { cache } : {}),
          onProgress: (done) => {
            if (done % 100 === 0) log(`personas: reviewed ${start + done}`);
          },
        }));
      } catch (e) {
        return `the review could not use ${baseUrl}: ${e instanceof Error ? e.message : String(e)}`;
      }
      totals.personas += batch.length;
      totals.firstRejected += report.records.filter((r) => r.verdicts[0]?.verdict === 'implausible').length;
      totals.reviewed += report.reviewed;
      totals.rejected += report.rejected;
      totals.unclear += report.unclear;
      totals.keptDespite += report.records.filter((r) => r.keptDespiteRejection).length;
      return personas;
    },
    /** Lets the call cache go. */
    close(): void {
      cache?.close();
    },
    /** The review's figures for stderr. */
    summary(): string {
      const pct = (k: number, n: number) => `${n ? ((100 * k) / n).toFixed(1) : '0.0'}%`;
      const t = totals;
      return (
        `personas: review by ${model} at ${baseUrl}: ${t.firstRejected.toLocaleString('en-US')} of ${t.personas.toLocaleString('en-US')} first drafts rejected (${pct(t.firstRejected, t.personas)}; PERSONA removed about 8.5%), ` +
        `${t.rejected.toLocaleString('en-US')} of ${t.reviewed.toLocaleString('en-US')} candidates in all, ${t.unclear} unclear verdicts (kept), ${t.keptDespite} kept although every candidate was rejected`
      );
    },
  };
}
