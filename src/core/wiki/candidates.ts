/**
 * Step 3 of §3.3 (Appendix B): persona-free candidates from the generator at the candidates'
 * sampling (paper: temperature 2.0, top_p 0.8). A personal question gets `cots` chains of thought
 * (G.3), each giving an axis and categories, then `responsesPerCot` responses per chain, each for a
 * category drawn uniformly; a divergent question uses its axis and Table 7's categories. Then the
 * generic reward filter keeps the `rewardPool` with the narrowest reward range (B.2, where a backend
 * can score) and the diversity filter `keep` of those (B.3: k-means on embeddings, or TF-IDF).
 */
import { isLlmError } from '../llm/errors';
import { Rng } from '../random';
import { selectDiverse, tfidfVectors } from './diversity';
import { axisMembers } from './famous';
import { parseCandidate, parseCot } from './parsers';
import { rewardFilter } from './reward-filter';
import { stopFor, StudyStopped, type StudyRun } from './run-context';
import type { CandidateSet, WikiCandidate, WikiQuestion } from './store';
import { COT_RESPONSE_TEMPLATE, COT_TEMPLATE } from './templates';

async function response(
  run: StudyRun,
  q: WikiQuestion,
  sampleIndex: number,
  axis: string,
  categories: readonly string[],
): Promise<WikiCandidate | undefined> {
  const category = new Rng(`${run.config.seed}/category/${q.id}/${sampleIndex}`).pick(categories);
  const text = await run.call(
    'generator',
    sampleIndex,
    run.config.candidateSampling,
    {
      template: COT_RESPONSE_TEMPLATE,
      values: { instruction: q.text, axis, categories: categories.join(', '), category },
      parse: (raw) => parseCandidate(raw, category),
    },
    `candidate/${q.id}/${sampleIndex}`,
  );
  return text === undefined ? undefined : { text, axis, category };
}

/** The candidates of a question (stored ones are returned as they are). */
export async function candidatesFor(run: StudyRun, q: WikiQuestion): Promise<CandidateSet | undefined> {
  const stored = await run.store.get(run.study.id, 'candidates', q.id);
  if (stored) return stored;
  const c = run.config;
  const out: WikiCandidate[] = [];
  if (q.type === 'personal') {
    for (let k = 0; k < c.cots; k++) {
      const cot = await run.call(
        'generator',
        k,
        c.candidateSampling,
        { template: COT_TEMPLATE, values: { instruction: q.text }, parse: parseCot },
        `cot/${q.id}/${k}`,
      );
      if (!cot) continue;
      for (let r = 0; r < c.responsesPerCot; r++) {
        const got = await response(run, q, k * c.responsesPerCot + r, cot.axis, cot.categories);
        if (got) out.push(got);
      }
    }
  } else {
    const categories = [...new Set(axisMembers(q.owner, run.everyone).map((m) => m.category))];
    for (let i = 0; i < c.cots * c.responsesPerCot; i++) {
      const got = await response(run, q, i, q.owner, categories.length ? categories : [q.owner]);
      if (got) out.push(got);
    }
  }
  const distinct = out.filter((x, i) => out.findIndex((y) => y.text === x.text) === i);
  if (distinct.length < out.length) out.splice(0, out.length, ...distinct);
  if (out.length < 2) {
    await run.fail(`candidates/${q.id}`, `only ${out.length} distinct candidate(s) could be made for "${q.text}"`);
    return undefined;
  }
  let filtered: Awaited<ReturnType<typeof rewardFilter>>;
  try {
    filtered = await rewardFilter(
      run,
      q,
      out.map((x) => x.text),
    );
  } catch (e) {
    const stop = stopFor(e, run.deps.signal);
    if (stop) throw stop;
    await run.fail(
      `candidates/${q.id}`,
      `the reward filter could not score a candidate of "${q.text}": ${e instanceof Error ? e.message : String(e)}`,
    );
    return undefined;
  }
  const pool = filtered?.pool ?? out.map((_, i) => i);
  const { vectors, method } = await embed(
    run,
    pool.map((i) => out[i]!.text),
  );
  const kept = selectDiverse(vectors, c.keep, new Rng(`${c.seed}/kmeans/${q.id}`))
    .map((j) => pool[j]!)
    .sort((a, b) => a - b);
  const set: CandidateSet = { questionId: q.id, candidates: out, kept, method, ...(filtered ?? {}) };
  await run.store.put(run.study.id, 'candidates', q.id, set);
  return set;
}

/** Embeddings of the candidates: the server's when it has them (and the study allows), else TF-IDF (said once). */
async function embed(run: StudyRun, texts: string[]): Promise<{ vectors: number[][]; method: string }> {
  const c = run.config;
  const client = run.deps.clients.generator;
  if (texts.length <= c.keep) return { vectors: texts.map(() => []), method: 'all kept' };
  if (c.embeddings !== 'tfidf' && client.embed && !run.embeddingsFailed) {
    const model = c.embedModel ?? client.model;
    try {
      return { vectors: await client.embed(texts, { model, signal: run.deps.signal }), method: `embeddings:${model}` };
    } catch (e) {
      if (run.deps.signal.aborted) throw new StudyStopped('Stopped.', true);
      if (c.embeddings === 'server')
        throw new StudyStopped(`The server gave no embeddings: ${isLlmError(e) ? e.message : String(e)}`, false);
      run.embeddingsFailed = true;
      run.noteOnce(
        'tfidf',
        `The server gave no embeddings (${isLlmError(e) ? e.message : String(e)}); candidates are clustered on TF-IDF vectors (a lexical fallback).`,
      );
    }
  } else if (c.embeddings === 'server') {
    throw new StudyStopped('This backend has no embeddings; choose TF-IDF or a server with /embeddings.', false);
  } else {
    run.noteOnce('tfidf', 'No embedding model here: candidates are clustered on TF-IDF vectors (a lexical fallback).');
  }
  return { vectors: tfidfVectors(texts), method: 'tfidf' };
}
