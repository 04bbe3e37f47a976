/**
 * The exit codes of every command that works through a run (`run`, `batch`, and later `bench` and
 * `wiki`), and what it says on stderr at the end: 0 only when every item reached a final state,
 * non-zero when the run stopped or left items a resume would try again, with how to resume.
 */

/** The codes. */
const EXIT = {
  /** Every item reached a final state (made, or failed for good), or is out in a batch file. */
  ok: 0,
  /** Stopped by a failure (unreachable server, refused key, no such model, a server failing every call), or nothing could be made. */
  failed: 1,
  /** A usage error (the options are wrong), or an input file refused for its problems (listed by file, line and field). */
  usage: 2,
  /** The run went through but some items failed on backend errors that a resume tries again. */
  incomplete: 3,
  /** Stopped by Ctrl-C (outputs written first). */
  interrupted: 130,
} as const;

/** How a session of a run ended, in the words every command shares. */
export interface SessionEnd {
  /** The run status (`RunStatus`): done, incomplete, failed, waiting, paused, … */
  readonly status: string;
  /** Why it stopped or what is left, when it did not simply finish. */
  readonly error?: string;
  /** Items made. */
  readonly done: number;
  /** Items in the plan. */
  readonly total: number;
  /** What the items are, plural ("pairs"). */
  readonly unit: string;
  /** How to go on after a stop, when a rerun does not resume where it stopped (a command that keeps no call cache). */
  readonly next?: string;
}

/** The exit code for a session's end (`interrupted`: the user pressed Ctrl-C). */
function exitCodeFor(status: string, interrupted: boolean): number {
  if (interrupted) return EXIT.interrupted;
  if (status === 'done' || status === 'waiting') return EXIT.ok;
  if (status === 'incomplete') return EXIT.incomplete;
  return EXIT.failed;
}

/** Says on `warn` why the session ended as it did and how to go on; returns the exit code. */
export function reportEnd(end: SessionEnd, interrupted: boolean, warn: (line: string) => void): number {
  const code = exitCodeFor(end.status, interrupted);
  const where = `${end.done} of ${end.total} ${end.unit} done`;
  const kept = 'finished work is kept and not asked for again';
  if (interrupted) warn(`paused (${where}): run the same command again to resume where it stopped (${kept}).`);
  else if (end.status === 'incomplete') {
    warn(`incomplete (${where}): ${end.error ?? 'some items failed on backend errors.'}`);
    warn(`run the same command again to try them again (${kept}).`);
  } else if (code !== EXIT.ok) {
    warn(`stopped (${where}): ${end.error ?? `the run ended ${end.status}.`}`);
    warn(end.next ?? `nothing made is lost: fix the cause, then run the same command again to resume where it stopped (${kept}).`);
  }
  return code;
}
