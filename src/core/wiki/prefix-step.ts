/**
 * The prefixes of §3.4, per person: the tag and the name as they are, the few-shot block from
 * `fewShot` of the person's training pairs, the persona inferred (G.5) from `personaShots` training
 * pairs by the generator ("persona") and by the judge model ("persona-strong", the paper's persona
 * gpt4), and persona gold (G.6, the name revealed, by the judge model). Persona gold is made whenever
 * an inferred prefix is studied, as the reference of the prefix-quality table.
 */
import { Rng } from '../random';
import type { FamousPerson } from './famous';
import { parseText } from './parsers';
import { fewShotText, personTag, studyPrefixKinds, wordCount, type PrefixKind } from './prefixes';
import type { StudyRun } from './run-context';
import type { WikiPair, WikiPrefix } from './store';
import { PERSONA_GOLD_TEMPLATE, PERSONA_INFERENCE_TEMPLATE, personaShots } from './templates';

/** A person's training pairs, in question-id order. */
async function trainPairs(run: StudyRun, personId: string): Promise<WikiPair[]> {
  const all = await run.store.list(run.study.id, 'pair');
  return all.filter((p) => p.personId === personId && p.split === 'train').sort((a, b) => (a.questionId < b.questionId ? -1 : 1));
}

async function make(run: StudyRun, p: FamousPerson, kind: PrefixKind, index: number): Promise<WikiPrefix | undefined> {
  const base = { personId: p.id, kind };
  const c = run.config;
  const plain = (text: string): WikiPrefix => ({ ...base, text, words: wordCount(text) });
  if (kind === 'none' || kind === 'random') return plain('');
  if (kind === 'tag') return plain(personTag(index));
  if (kind === 'name') return plain(p.name);
  if (kind === 'persona-gold') {
    const text = await run.call(
      'judge',
      0,
      c.sampling,
      { template: PERSONA_GOLD_TEMPLATE, values: { name: p.name }, parse: parseText },
      `prefix/${p.id}/${kind}`,
    );
    return text === undefined ? undefined : { ...plain(text), model: run.study.models.judge };
  }
  const train = await trainPairs(run, p.id);
  if (train.length === 0) {
    await run.fail(`prefix/${p.id}/${kind}`, `${p.name} has no training pair to make the ${kind} prefix from`);
    return undefined;
  }
  if (kind === 'few-shot') {
    const shots = new Rng(`${c.seed}/few-shot/${p.id}`).sample(train, c.fewShot);
    return plain(fewShotText(shots.map((s) => ({ x: s.question, yw: s.yw }))));
  }
  const shots = new Rng(`${c.seed}/persona-shots/${p.id}`).sample(train, c.personaShots);
  const role = kind === 'persona' ? 'generator' : 'judge';
  const text = await run.call(
    role,
    0,
    c.sampling,
    {
      template: PERSONA_INFERENCE_TEMPLATE,
      values: { shots: personaShots(shots.map((s) => ({ x: s.question, yw: s.yw }))) },
      parse: parseText,
    },
    `prefix/${p.id}/${kind}`,
  );
  return text === undefined
    ? undefined
    : { ...plain(text), model: role === 'generator' ? run.study.models.generator : run.study.models.judge };
}

/** Makes every missing prefix. */
export async function prefixStep(run: StudyRun): Promise<void> {
  const kinds = studyPrefixKinds(run.config);
  const people = run.people;
  const jobs = people.flatMap((p, i) => kinds.map((kind) => ({ p, kind, index: i })));
  let done = 0;
  for (const j of jobs) if (await run.store.get(run.study.id, 'prefix', `${j.p.id}/${j.kind}`)) done++;
  run.progress('prefixes', done, jobs.length);
  await run.pool(jobs, async ({ p, kind, index }) => {
    if (await run.store.get(run.study.id, 'prefix', `${p.id}/${kind}`)) return;
    const made = await make(run, p, kind, index);
    if (!made) return;
    await run.store.put(run.study.id, 'prefix', `${p.id}/${kind}`, made);
    run.progress('prefixes', ++done, jobs.length, run.session.failures);
  });
}
