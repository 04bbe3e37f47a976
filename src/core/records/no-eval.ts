/**
 * Zod without `eval`: on its first parse Zod probes `new Function` (for its faster compiled parsers).
 * Under the page's Content-Security-Policy, which allows no eval, the probe fails and Zod parses the
 * same way without it, but the browser still reports the caught probe as a policy violation. The page
 * calls this once at start so Zod never probes (the CLI and the workers keep the compiled parsers).
 */
import { config } from 'zod/v4/core';

/** Tells Zod not to compile parsers with `new Function` (and not to probe whether it may). */
export function zodWithoutEval(): void {
  config({ jitless: true });
}
