/**
 * A child process for the lock tests. "once <dir> <startAt> <holdMs|exit>": waits until the shared
 * start time, opens a FileStore on the folder, prints "got" or "busy <message>", then holds the lock
 * for holdMs (or exits at once without closing the store). "hammer <lock> <startAt> <ms> <log>":
 * takes and releases the lock as often as it can for ms, appending "in <pid>" and "out <pid>" to the
 * log around every hold, so overlapping holds show in the log.
 */
import { appendFileSync } from 'node:fs';
import { FileStore } from '../../../src/cli/pipeline/file-store';
import { releaseLock, takeLock } from '../../../src/cli/pipeline/lock';

const [mode, path, startAt, arg, log] = process.argv.slice(2);
while (Date.now() < Number(startAt)) {
  // spin until every sibling is ready, so they all try at the same moment
}
if (mode === 'hammer') {
  const until = Date.now() + Number(arg);
  let holds = 0;
  while (Date.now() < until) {
    try {
      takeLock(path as string);
    } catch {
      continue;
    }
    appendFileSync(log as string, `in ${process.pid}\n`);
    holds++;
    appendFileSync(log as string, `out ${process.pid}\n`);
    releaseLock(path as string);
  }
  process.stdout.write(`${holds}\n`);
} else {
  try {
    const store = new FileStore(path as string);
    process.stdout.write('got\n');
    if (arg === 'exit') process.exit(0);
    setTimeout(() => store.close(), Number(arg));
  } catch (e) {
    process.stdout.write(`busy ${e instanceof Error ? e.message : String(e)}\n`);
  }
}
