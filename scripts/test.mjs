#!/usr/bin/env node
// `npm test`: install what is missing (a browser included), type-check, run the unit tests (Node),
// the component tests (Svelte components mounted in Chromium by Vitest's browser mode), build the
// production bundle, run the end-to-end tests against it, and end with one line
// `N passed, N failed` for the whole run. Exits non-zero on any failure.
//
// Options: --skip-e2e, --only check|unit|component|e2e (repeatable), and anything after `--` goes to
// Vitest (for example `npm test -- --only unit -- test/unit/core/random.test.ts`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureDeps } from './ensure-deps.mjs';
import { ensureBrowser } from './find-browser.mjs';
import { runChecks } from './check.mjs';

const argv = process.argv.slice(2);
const sep = argv.indexOf('--');
const own = sep >= 0 ? argv.slice(0, sep) : argv;
const passThrough = sep >= 0 ? argv.slice(sep + 1) : [];
const only = own.flatMap((a, i) => (a === '--only' && own[i + 1] ? [own[i + 1]] : []));
const wants = (step) => (only.length ? only.includes(step) : !(step === 'e2e' && own.includes('--skip-e2e')));

let passed = 0;
let failed = 0;
const failures = [];
const note = (ok, name) => {
  if (ok) passed++;
  else {
    failed++;
    failures.push(name);
  }
};

ensureDeps();
mkdirSync('.test-results', { recursive: true });

if (wants('component') || wants('e2e')) {
  try {
    process.env.CHROME_PATH = ensureBrowser();
  } catch (e) {
    process.stderr.write(`\n${e instanceof Error ? e.message : e}\n`);
    note(false, 'browser for component and end-to-end tests');
  }
}

if (wants('check')) for (const r of runChecks()) note(r.ok, r.name);

/** Runs one Vitest config and adds its per-test results to the totals. */
function vitest(config, label) {
  const out = `.test-results/${label}.json`;
  rmSync(out, { force: true });
  process.stderr.write(`\n▶ ${label} tests\n`);
  const r = spawnSync(
    'npx',
    ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...passThrough],
    { stdio: 'inherit', env: process.env },
  );
  if (!existsSync(out)) {
    note(false, `${label} tests (Vitest exited ${r.status} without a report)`);
    return;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  for (const file of report.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    if (tests.length === 0 && file.status === 'failed')
      note(false, `${label}: ${file.name} (${file.message?.split('\n')[0] ?? 'failed to load'})`);
    for (const t of tests) {
      if (t.status === 'passed') note(true, t.fullName);
      else if (t.status === 'failed') note(false, `${label}: ${t.fullName}`);
    }
  }
  if (r.status !== 0 && report.numFailedTests === 0 && report.numFailedTestSuites === 0) {
    note(false, `${label} tests (Vitest exited ${r.status})`);
  }
}

if (wants('unit')) vitest('vitest.config.ts', 'unit');

if (wants('component') && process.env.CHROME_PATH) vitest('vitest.component.config.ts', 'component');

if (wants('e2e') && process.env.CHROME_PATH) {
  process.stderr.write('\n▶ production build\n');
  const b = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  note(b.status === 0, 'production build');
  if (b.status === 0) vitest('vitest.e2e.config.ts', 'e2e');
}

if (failures.length) {
  process.stderr.write('\nFailed:\n' + failures.map((f) => `  ✗ ${f}`).join('\n') + '\n');
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
