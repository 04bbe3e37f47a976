#!/usr/bin/env node
// The static checks, each one result: every room of the tree type-checked under its own compiler settings, the
// formatting, the lint rules, the layer rules and knip.
import { spawnSync } from 'node:child_process';

/** The type-check steps: name and command. */
export const CHECKS = [
  ['tsc core (no DOM, no Node)', ['npx', 'tsc', '-p', 'tsconfig.core.json']],
  ['tsc workers (WebWorker lib)', ['npx', 'tsc', '-p', 'tsconfig.worker.json']],
  ['tsc node (cli, scripts, bench, tests)', ['npx', 'tsc', '-p', 'tsconfig.node.json']],
  ['prettier (formatting checked, not rewritten)', ['npx', 'prettier', '--check', '--log-level', 'warn', '.']],
  ['svelte-check (page)', ['npx', 'svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human']],
  ['eslint (promise rules, recommended, type-aware)', ['npx', 'eslint', '--max-warnings', '0', '.']],
  ['layer rules (dependency-cruiser, docs/CONVENTIONS.md)', ['npx', 'depcruise', '--config', '.dependency-cruiser.cjs', 'src', 'workers']],
  ['knip (unused files, exports and dependencies)', ['npx', 'knip', '--no-progress']],
];

/** Runs the checks; returns [{name, ok}]. */
export function runChecks() {
  return CHECKS.map(([name, [cmd, ...args]]) => {
    process.stderr.write(`\n▶ ${name}\n`);
    const r = spawnSync(cmd, args, { stdio: 'inherit' });
    return { name, ok: r.status === 0 };
  });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const results = runChecks();
  const failed = results.filter((r) => !r.ok);
  for (const r of results) process.stderr.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}\n`);
  process.exit(failed.length ? 1 : 0);
}
