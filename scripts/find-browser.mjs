#!/usr/bin/env node
// Finds a Chrome or Chromium for the end-to-end tests and benchmarks: CHROME_PATH, else an
// installed one, else (as root on Debian/Ubuntu) `apt-get install -y chromium`, else a message.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * Flags every Chromium the tests and benches start uses: no sandbox (containers), no background
 * traffic to outside hosts, a fresh profile's first-run screens skipped.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
];

/** The path of a usable browser, or undefined. */
export function findBrowser() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but no file is there.`);
  }
  return CANDIDATES.find((p) => existsSync(p));
}

/** Finds a browser or installs Chromium with apt-get when that is possible; throws with advice otherwise. */
export function ensureBrowser() {
  const found = findBrowser();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    process.stderr.write('persona-lab: no Chrome/Chromium found; installing chromium with apt-get…\n');
    const opts = { stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
    spawnSync('apt-get', ['update'], opts);
    const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], opts);
    const after = findBrowser();
    if (r.status === 0 && after) return after;
  }
  throw new Error(
    'No Chrome or Chromium found for the end-to-end tests. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`; ' +
      'macOS: install Google Chrome) or set CHROME_PATH to its executable.',
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(ensureBrowser() + '\n');
  } catch (e) {
    process.stderr.write(String(e instanceof Error ? e.message : e) + '\n');
    process.exit(1);
  }
}
