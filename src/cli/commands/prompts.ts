/**
 * `npm run cli -- prompts`: a prompt file (PRISM's conversations.jsonl, a JSON array of strings,
 * CSV or Parquet) or the built-in set, through the paper's rule filters, topic labels and the
 * stratified train/held-out split, written as prompts.jsonl on stdout (the `run` command's input).
 * The report (what was kept and dropped, by topic and split) goes to stderr.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command';
import { defaultPrompts } from '../../core/prompts/default-set';
import { countByTopic, ruleFilter } from '../../core/prompts/filters';
import { readPromptFile } from '../../core/prompts/importers';
import { problemLines } from '../../core/records/problems';
import { PAPER_HELDOUT_FRACTION, splitByTopic } from '../../core/prompts/split';
import type { PromptItem } from '../../core/prompts/types';

const USAGE = `Usage: npm run cli -- prompts (--in <file> | --default) [options] > prompts.jsonl

Reads prompts (PRISM conversations.jsonl with "opening_prompt", a JSON array of strings, CSV or
Parquet), drops those without a question mark or under --min-words words and duplicates (PERSONA
§3.2), labels topics by keyword rules where the file has none, splits train/held-out stratified by
topic, and writes one {"id","text","topic","split"} object per line to stdout. The paper's LLM
controversy filter runs in the app (Prompts page), where a model is at hand.

  --in <file>               the prompt file
  --default                 the built-in set of ${defaultPrompts().length} questions instead
  --min-words <n>           minimum words (default 5)
  --heldout-fraction <f>    held-out share in [0, 1] (default 868/3868 ≈ ${PAPER_HELDOUT_FRACTION.toFixed(4)})
  --seed <S>                split seed (default 1)`;

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
        },
      }));
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const minWords = Number(values['min-words'] ?? 5);
    const fraction = Number(values['heldout-fraction'] ?? PAPER_HELDOUT_FRACTION);
    const seed = Number(values.seed ?? 1);
    if (!Number.isInteger(minWords) || minWords < 1)
      throw new UsageError(`--min-words must be a whole number ≥ 1, got "${String(values['min-words'])}".`);
    if (!(fraction >= 0 && fraction <= 1))
      throw new UsageError(`--heldout-fraction must be between 0 and 1, got "${String(values['heldout-fraction'])}".`);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, got "${String(values.seed)}".`);
    let input: PromptItem[];
    if (values.default) input = defaultPrompts();
    else if (typeof values.in === 'string') {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(values.in);
      } catch (e) {
        throw new Error(
          `Cannot read the prompt file ${values.in}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (e as Error).message}.`,
        );
      }
      const r = await readPromptFile(bytes, basename(values.in));
      for (const line of problemLines(r)) process.stderr.write(`prompts: skipped ${line}\n`);
      input = r.prompts;
    } else throw new UsageError('Give --in <file> or --default.');
    process.stdout.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0); // the reader stopped early (| head): not a failure
    });
    const { prompts, report } = ruleFilter(input, { minWords });
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
