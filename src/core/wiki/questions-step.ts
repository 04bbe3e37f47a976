/**
 * Step 2 of §3.3: questions (prompt G.2, asked of the judge model, `questionsPerCall` at a time).
 * Personal questions per person, divergent questions per axis (shared by the axis' people); each
 * set is split in halves, training and evaluation, by the seed.
 */
import { hashHex, Rng } from '../random';
import { AXIS_NAMES, axisMembers } from './famous';
import { parseQuestions } from './parsers';
import type { StudyRun } from './run-context';
import type { WikiQuestion } from './store';
import { DIVERGENT_QUESTIONS_TEMPLATE, PERSONAL_QUESTIONS_TEMPLATE } from './templates';

/** Joins names as "A, B and C". */
function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** A question set's owners: each studied person (personal), then each of their axes (divergent). */
function questionOwners(run: StudyRun): { owner: string; type: WikiQuestion['type'] }[] {
  const people = run.people;
  const axes = [...new Set(people.flatMap((p) => p.axes.map((a) => a.axis)))];
  return [
    ...people.map((p) => ({ owner: p.id, type: 'personal' as const })),
    ...axes.map((a) => ({ owner: a, type: 'divergent' as const })),
  ];
}

/** Splits questions into halves by the seed: the first ⌊n/2⌋ of a shuffle train, the rest eval. */
function splitHalves(texts: readonly string[], owner: string, type: WikiQuestion['type'], seed: number): WikiQuestion[] {
  const order = new Rng(`${seed}/split/${owner}`).shuffle(texts.map((_, i) => i));
  const train = new Set(order.slice(0, Math.floor(texts.length / 2)));
  return texts.map((text, i) => ({
    id: `q-${hashHex(`${owner}\u0000${text}`)}`,
    text,
    type,
    owner,
    split: train.has(i) ? 'train' : 'eval',
  }));
}

/**
 * G.2's {AXES}, "a list of categorization for you to optionally base your questions on": the
 * study's axes (Table 7's eleven, then any a user's person adds), not the person's own category,
 * since the prompt asks for questions not "exclusively dependent on … what they are known for".
 */
function axesList(everyone: readonly { readonly axes: readonly { readonly axis: string }[] }[]): string {
  return [...new Set([...AXIS_NAMES, ...everyone.flatMap((p) => p.axes.map((a) => a.axis))])].join(', ');
}

/** Asks for and stores every missing question set. */
export async function questionsStep(run: StudyRun): Promise<void> {
  const owners = questionOwners(run);
  const c = run.config;
  let done = 0;
  let failed = 0;
  const report = () => run.progress('questions', done, owners.length, failed);
  for (const o of owners) if (await run.store.get(run.study.id, 'questions', o.owner)) done++;
  report();
  await run.pool(owners, async ({ owner, type }) => {
    if (await run.store.get(run.study.id, 'questions', owner)) return;
    const want = type === 'personal' ? c.personalPerPerson : c.divergentPerAxis;
    if (want === 0) {
      await run.store.put(run.study.id, 'questions', owner, []);
      done++;
      report();
      return;
    }
    const got: string[] = [];
    const seen = new Set<string>();
    const maxCalls = Math.ceil(want / Math.max(1, c.questionsPerCall)) + 2;
    for (let call = 0; got.length < want && call < maxCalls; call++) {
      const n = String(Math.min(c.questionsPerCall, want - got.length));
      let values: Record<string, string>;
      if (type === 'personal') {
        const person = run.people.find((p) => p.id === owner)!;
        values = { name: person.name, n, axes: axesList(run.everyone) };
      } else {
        const members = axisMembers(owner, run.everyone);
        values = {
          names: joinNames(members.map((m) => m.person.name)),
          n,
          axis: owner,
          categories: joinNames(members.map((m) => m.category)),
        };
      }
      const template = type === 'personal' ? PERSONAL_QUESTIONS_TEMPLATE : DIVERGENT_QUESTIONS_TEMPLATE;
      const list = await run.call('judge', call, c.sampling, { template, values, parse: parseQuestions }, `questions/${owner}/${call}`);
      if (!list) break;
      for (const q of list) {
        const key = q.toLowerCase();
        if (seen.has(key) || got.length >= want) continue;
        seen.add(key);
        got.push(q);
      }
    }
    if (got.length === 0) {
      failed++;
      report();
      return;
    }
    if (got.length < want) run.deps.onNote?.(`${owner}: ${got.length} of ${want} ${type} questions could be read.`);
    await run.store.put(run.study.id, 'questions', owner, splitHalves(got, owner, type, c.seed));
    done++;
    report();
  });
}
