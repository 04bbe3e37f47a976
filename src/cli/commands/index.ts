/** Every CLI command, in the order `--help` lists them. Later capabilities add theirs here. */
import type { Command } from '../command';
import { agreementCommand } from './agreement';

export const COMMANDS: readonly Command[] = [
  agreementCommand,
];
