/** Progress on stderr: a line rewritten in place on a terminal, a line every ten seconds otherwise. */
import type { ProgressSnapshot } from '../../core/pipeline/progress';

/** One line of progress. */
function progressText(p: ProgressSnapshot): string {
  const stages = p.stages.map((s) => `${s.stage} ${s.done}/${s.total}${s.failed ? ` (${s.failed} failed)` : ''}`).join(' · ');
  const eta = p.etaSeconds === undefined ? '' : ` · ETA ${Math.ceil(p.etaSeconds / 60)} min`;
  return `${stages} · ${p.callsPerMinute.toFixed(0)} calls/min · ${p.tokensPerSecond.toFixed(1)} tok/s · ${p.requests} requests, ${p.cacheHits} cached${eta}`;
}

/** A progress callback that writes to stderr. */
export function stderrProgress(): { update: (p: ProgressSnapshot) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (tty) {
        process.stderr.write(`\r\x1b[2K${progressText(p)}`);
        shown = true;
      } else if (now - last >= 10_000) {
        process.stderr.write(`${progressText(p)}\n`);
        last = now;
      }
    },
    done() {
      if (tty && shown) process.stderr.write('\n');
    },
  };
}
