/** Every CLI command, in the order `--help` lists them. Later capabilities add theirs here. */
import type { Command } from '../command';
import { personasCommand } from './personas';

export const COMMANDS: readonly Command[] = [
  personasCommand,
];
