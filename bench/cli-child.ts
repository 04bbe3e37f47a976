/**
 * Runs the CLI in this process, as `npm run cli` would, and at exit writes the process's peak
 * resident memory (KB) to the file named by BENCH_RSS_FILE: how the benches measure a command's
 * peak memory on its own.
 */
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_RSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
await import('../src/cli/main');
