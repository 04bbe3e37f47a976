/**
 * `npm run cli -- wiki`: a WikiPersonas study (questions, candidates and pairs, prefixes,
 * evaluation) against OpenAI-compatible servers, resumable: the call cache, the stored results and
 * the study record live in --out, so running the same command again sends no request for work done.
 */
import type { Command } from '../command';
import { secretsIn } from '../../core/llm/openai-http';
import { createStudy, runStudy, studyId } from '../../core/wiki/runner';
import { reportEnd } from '../exit-codes';
import { FileStore } from '../pipeline/file-store';
import { endpointWarnings, transportRetryWarner, serverClient } from '../pipeline/server-options';
import { FileWikiStore } from '../wiki/file-wiki-store';
import { parseWikiOptions, WIKI_OPTIONS_HELP } from '../wiki/options';
import { writeWikiOutputs } from '../wiki/outputs';

const USAGE = `Usage: npm run cli -- wiki --endpoint <base URL> --model <name> --out <dir> [options]

Runs the WikiPersonas study (famous-person personas, the paper's §3): personal and divergent
questions (G.2), persona-free chain-of-thought candidates at high temperature (G.3), the generic
reward filter (B.2: the span of candidates with the narrowest mean log-probability range; skipped,
and said so, without /completions echo), the diversity filter (B.3: k-means on embeddings, k = 4;
TF-IDF when the server has no /embeddings), the personal judge's single elimination (G.4: three
comparisons for 4 candidates) giving y_w and y_l, the prefixes of §3.4 (G.5, G.6),
reward accuracy (Eq. 3) and generation win rates (Table 3). Writes into <dir>: results.json (the
study, this session, every table), questions.jsonl, pairs.jsonl, prefixes.jsonl, rewards.jsonl,
wins.jsonl and trl.jsonl (each pair under each prefix: prompt with the prefix, chosen, rejected);
the call cache and stored results stay there, so running again resumes.

${WIKI_OPTIONS_HELP}

Exit code (as run's): 0 when the steps ran (some items may have failed: see results.json;
--retry-failed tries them again) or nothing was left to do; 1 when the study stopped on a failure
no item could escape (a server cannot be reached, refused the key, has no such model) or no pair
could be made; 2 for a usage error; 130 after Ctrl-C (the outputs are written first).`;

export const wikiCommand: Command = {
  name: 'wiki',
  summary: 'run the WikiPersonas study against OpenAI-compatible servers',
  usage: USAGE,
  async run(args) {
    const o = parseWikiOptions(args);
    const warn = (m: string) => process.stderr.write(`wiki: ${m}\n`);
    const calls = new FileStore(o.out);
    const store = new FileWikiStore(o.out);
    const controller = new AbortController();
    const onSigint = () => {
      warn('pausing: finishing the calls in flight (press Ctrl-C again to quit at once)');
      process.off('SIGINT', onSigint);
      controller.abort();
    };
    process.on('SIGINT', onSigint);
    const notes: string[] = [];
    try {
      const endpoints = new Set([o.endpoint, o.judgeEndpoint, ...(o.reward ? [o.reward.endpoint] : [])]);
      for (const e of endpoints) for (const w of endpointWarnings(e, secretsIn(e), o.server.apiKey)) warn(w);
      const client = (baseUrl: string, model: string) => serverClient(baseUrl, model, o.server);
      const generator = client(o.endpoint, o.model);
      const judge = client(o.judgeEndpoint, o.judgeModel);
      const reward = o.reward ? client(o.reward.endpoint, o.reward.model) : undefined;
      const models = {
        generator: `openai-http:${o.model}@${o.endpoint}`,
        judge: `openai-http:${o.judgeModel}@${o.judgeEndpoint}`,
        ...(o.reward ? { reward: `openai-http:${o.reward.model}@${o.reward.endpoint}` } : {}),
      };
      const existing = (await store.listStudies())[0];
      if (existing && existing.id !== studyId({ config: o.config, people: o.people, models }))
        throw new Error(
          `${o.out} holds another study ("${existing.name}", made with other options or models); its results are kept. Run with the same options to resume it, or choose another --out.`,
        );
      const study = await createStudy(store, { config: o.config, people: o.people, models });
      let last = '';
      const outcome = await runStudy(
        study.id,
        {
          store,
          calls,
          clients: { generator, judge, ...(reward ? { reward } : {}) },
          signal: controller.signal,
          concurrency: o.concurrency,
          retryFailed: o.retryFailed,
          transportRetries: o.server.retries,
          onTransportRetry: transportRetryWarner(warn, o.server.retries),
          onNote: (m) => {
            notes.push(m);
            warn(m);
          },
          onProgress: (p) => {
            const line = `${p.step}: ${p.done}/${p.total}${p.failed ? `, ${p.failed} failed` : ''}`;
            if (line !== last) process.stderr.write(`\r${line}   `);
            last = line;
          },
        },
        o.steps,
      );
      if (last) process.stderr.write('\n');
      if (outcome.error) warn(outcome.error);
      const summary = await writeWikiOutputs(store, outcome.study, outcome, o.out, notes);
      process.stdout.write(JSON.stringify(summary) + '\n');
      const noPairs = outcome.status === 'done' && o.steps.includes('pairs') && summary.counts.pairs === 0;
      const end = {
        status: outcome.status === 'done' && !noPairs ? 'done' : 'failed',
        done: o.steps.filter((s) => outcome.study.stepsDone.includes(s)).length,
        total: o.steps.length,
        unit: 'steps',
        ...(outcome.error
          ? { error: outcome.error }
          : noPairs
            ? { error: 'no pair could be made (see the failed items in results.json).' }
            : {}),
      };
      return reportEnd(end, controller.signal.aborted, warn);
    } finally {
      process.off('SIGINT', onSigint);
      calls.close();
    }
  },
};
