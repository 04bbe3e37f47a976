/**
 * The Persona Lab command line: `npm run cli -- <command> [options]`. It runs the same core as the
 * app, in Node. Data goes to stdout; messages go to stderr.
 */
import { COMMANDS } from './commands/index';
import { UsageError } from './command';
import { FileProblemsError, problemLines } from '../core/records/problems';

const HELP = `Persona Lab command line

Usage: npm run cli -- <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`).join('\n') || '  (none yet)'}

Run "npm run cli -- <command> --help" for a command's options.
`;

/** Dispatches to a command; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${HELP}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.usage.endsWith('\n') ? command.usage : command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (e instanceof FileProblemsError) {
      for (const line of problemLines(e.list)) process.stderr.write(`${name}: ${line}\n`);
      return 2;
    }
    process.stderr.write(`${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

/** Standard output that goes away (`| head`) ends the command quietly; another failure (a full disk) is said in words. */
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  process.stderr.write(`Cannot write to standard output: ${e.code === 'ENOSPC' ? 'the disk is full' : e.message}.\n`);
  process.exit(1);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
