/**
 * `npm run cli -- rouge --input <file.jsonl> [--metric rouge1|rouge2|rougeL] [--stem]`: ROUGE as the
 * `rouge_score` package computes it, one output line per input line.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { checkRows } from '../../core/records/check';
import { problemLines } from '../../core/records/problems';
import { decodeText, readTextRecords } from '../../core/records/read';
import { rougeLineSchema } from '../../core/records/schemas';
import { UsageError, type Command } from '../command';
import { oneOfOption } from '../option-values';
import { ROUGE_METRICS, rougeMulti, type RougeMetric } from '../../core/wiki/rouge';

const USAGE = `Usage: npm run cli -- rouge --input <file.jsonl> [--metric rouge1|rouge2|rougeL] [--stem]

Scores each line {"id", "prediction", "references": [...]} of the input as Google's rouge_score
package does (lower case; runs of characters outside a-z and 0-9 become spaces; precision over the
prediction, recall over the reference, F1 = 2PR/(P+R); with several references the best F1) and
prints one line {"id", "precision", "recall", "f1"} per input line, in order.

  --input <file>          JSON lines: "id" (string or number), "prediction" (string), "references" (strings)
  --metric <name>         rouge1 (default), rouge2 or rougeL
  --stem                  Porter-stem tokens longer than three characters (rouge_score's use_stemmer)

Exit code: 0; 1 when a line cannot be read (named with its line and field on stderr; the other
lines are still printed); 2 for a usage error.`;

export const rougeCommand: Command = {
  name: 'rouge',
  summary: 'ROUGE-1/2/L of predictions against references, as rouge_score computes it',
  usage: USAGE,
  async run(args) {
    let values: Record<string, string | boolean | undefined>;
    try {
      ({ values } = parseArgs({
        args: [...args],
        strict: true,
        options: { input: { type: 'string' }, metric: { type: 'string' }, stem: { type: 'boolean' } },
      }));
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const input = values.input;
    if (typeof input !== 'string' || !input) throw new UsageError('--input is required.');
    const metric = oneOfOption<RougeMetric>('metric', values.metric, ROUGE_METRICS, 'rouge1');
    let text: string;
    try {
      text = decodeText(readFileSync(input));
    } catch (e) {
      throw new Error(`${input}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { cause: e });
    }
    const file = readTextRecords(basename(input), text, { format: 'jsonl' });
    const out: string[] = [];
    for (const { value: rec } of checkRows(rougeLineSchema, file.rows, file.log)) {
      const s = rougeMulti(rec.prediction, rec.references, metric, values.stem === true);
      out.push(JSON.stringify({ id: rec.id, precision: s.precision, recall: s.recall, f1: s.f1 }));
    }
    for (const line of problemLines(file.log.list())) process.stderr.write(`rouge: ${line}\n`);
    if (out.length) process.stdout.write(out.join('\n') + '\n');
    return file.log.total ? 1 : 0;
  },
};
