/** Every CLI command, in the order `--help` lists them. Later capabilities add theirs here. */
import type { Command } from '../command';
import { runCommand } from './run';
import { batchCommand } from './batch';
import { agreementCommand } from './agreement';

export const COMMANDS: readonly Command[] = [
  runCommand,
  batchCommand,
  agreementCommand,
];
