#!/usr/bin/env node
// Installs dependencies when node_modules is missing or older than package-lock.json.
// Everything it prints goes to stderr, so commands whose stdout is a data stream stay clean.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** True when `npm ci` must run: no install yet, or the lock file changed since the last one. */
export function depsAreStale(dir = root) {
  const marker = join(dir, 'node_modules', '.package-lock.json');
  if (!existsSync(marker)) return true;
  return statSync(join(dir, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs;
}

/** Runs `npm ci` when needed; exits the process with npm's code when it fails. */
export function ensureDeps({ quiet = false } = {}) {
  if (!depsAreStale()) return;
  if (!quiet) process.stderr.write('persona-lab: installing dependencies (npm ci)…\n');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (r.status !== 0) {
    process.stderr.write('persona-lab: `npm ci` failed; see the messages above.\n');
    process.exit(r.status ?? 1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureDeps({ quiet: process.argv.includes('--quiet') });
}
