/**
 * `npm run cli -- famous [--format jsonl|csv]`: the famous set of WikiPersonas (FamousPersona's
 * `demographics.csv`, MIT), one person per line with `name`, the 15 columns and the axes of the
 * paper's Table 7.
 */
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command';
import { FAMOUS_PEOPLE, famousCsv, famousJsonl } from '../../core/wiki/famous';

const USAGE = `Usage: npm run cli -- famous [--format jsonl|csv]

Prints the 50 people of WikiPersonas (data from FamousPersona, MIT License) on stdout, one per
line: name, race, birth year, gender, sexual preference, ethnicity, family marriage status,
education level, birth state, birth country, current state, current country, profession, religion,
political affiliation, economic status (null, or "NA" in CSV, where unknown), and their axes and
sub-categories from the paper's Table 7 ("axis: category").

  --format jsonl|csv      output format (default jsonl)

Exit code: 0; 2 for a usage error.`;

export const famousCommand: Command = {
  name: 'famous',
  summary: 'print the famous people of WikiPersonas (JSONL or CSV)',
  usage: USAGE,
  async run(args) {
    let format: string;
    try {
      format =
        (parseArgs({ args: [...args], strict: true, options: { format: { type: 'string' } } }).values.format as string | undefined) ??
        'jsonl';
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`--format must be "jsonl" or "csv", got "${format}".`);
    process.stdout.write(format === 'csv' ? famousCsv(FAMOUS_PEOPLE) : famousJsonl(FAMOUS_PEOPLE));
    return 0;
  },
};
