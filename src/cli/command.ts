/** A CLI sub-command: `npm run cli -- <name> …`. */
export interface Command {
  /** The word after `cli --`. */
  readonly name: string;
  /** One line for `--help`. */
  readonly summary: string;
  /** The full usage text, printed by `<name> --help`. */
  readonly usage: string;
  /** Runs with the arguments after the name; resolves to the exit code. */
  run(args: readonly string[]): Promise<number>;
}

/** A usage error: printed on stderr with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
