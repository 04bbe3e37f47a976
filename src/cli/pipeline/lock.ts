/**
 * The lock that keeps two CLI processes out of one output folder. Taking it is one atomic step: a
 * file holding our pid is hard-linked to the lock's name, which fails if the lock exists, so two
 * processes started together cannot both get it, and the lock never exists without its pid. A lock
 * whose owner is dead is taken over under a second, equally exclusive "takeover" lock, so of two
 * processes finding the same stale lock only one replaces it.
 */
import { linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { asOutputError } from '../output-files';

/** A takeover lock older than this was left by a process that died while taking over: removed. */
const STALE_TAKEOVER_MS = 10_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerOf(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Creates `path` holding our pid if it does not exist; false when it does. */
function createExclusive(path: string): boolean {
  const tmp = `${path}.${process.pid}.new`;
  try {
    writeFileSync(tmp, `${process.pid}\n`);
    linkSync(tmp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw asOutputError(e, 'lock file', path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

function busy(path: string, pid: number): Error {
  return new Error(`Another Persona Lab process (pid ${pid}) is using ${dirname(path)}; wait for it to finish, or stop it.`);
}

/** Takes the lock at `path` for this process; throws naming the owner when a live process holds it. */
export function takeLock(path: string): void {
  for (let tries = 0; tries < 200; tries++) {
    if (createExclusive(path)) return onExit(path);
    const owner = ownerOf(path);
    if (owner === process.pid) return onExit(path);
    if (owner === undefined) {
      if (exists(path)) sleepSync(5); // unreadable for a moment: look again
      continue; // released in between: try to create it again
    }
    if (alive(owner)) throw busy(path, owner);
    // Stale: its owner is dead. Take it over, one taker at a time.
    const takeover = `${path}.takeover`;
    if (!createExclusive(takeover)) {
      const taker = ownerOf(takeover);
      if ((taker === undefined || !alive(taker)) && ageMs(takeover) > STALE_TAKEOVER_MS) rmSync(takeover, { force: true });
      sleepSync(5 + (tries % 7));
      continue;
    }
    try {
      const now = ownerOf(path);
      if (now === owner) {
        const mine = `${path}.${process.pid}.mine`;
        writeFileSync(mine, `${process.pid}\n`);
        renameSync(mine, path);
        return onExit(path);
      }
    } finally {
      rmSync(takeover, { force: true });
    }
  }
  const owner = ownerOf(path);
  throw owner ? busy(path, owner) : new Error(`Could not take the lock ${path}; remove it if no other Persona Lab process is running.`);
}

/** Lets the lock go, if it is ours. */
export function releaseLock(path: string): void {
  if (ownerOf(path) === process.pid) rmSync(path, { force: true });
  held.delete(path);
}

const held = new Set<string>();
let hooked = false;

function onExit(path: string): void {
  held.add(path);
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const p of held) if (ownerOf(p) === process.pid) rmSync(p, { force: true });
  });
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
