/** Every CLI command, in the order `--help` lists them. Later capabilities add theirs here. */
import type { Command } from '../command';
import { personasCommand } from './personas';
import { promptsCommand } from './prompts';
import { runCommand } from './run';
import { batchCommand } from './batch';
import { agreementCommand } from './agreement';
import { benchCommand } from './bench';
import { famousCommand } from './famous';
import { rougeCommand } from './rouge';
import { wikiCommand } from './wiki';

export const COMMANDS: readonly Command[] = [
  personasCommand,
  promptsCommand,
  runCommand,
  batchCommand,
  agreementCommand,
  famousCommand,
  rougeCommand,
  wikiCommand,
  benchCommand,
];
