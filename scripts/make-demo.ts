/**
 * Makes the demo example, `public/demo/persona-lab-demo.json` (see src/core/demo/bundle.ts), with
 * the real pipeline and the deterministic scripted model of `scripts/demo/demo-model.ts`:
 *   npm run demo            (writes the file; commit it)
 *   npm run demo -- --check (fails when the committed file differs from a fresh one)
 * A census-grounded persona set (the embedded census model, seed "demo"), a run over the embedded
 * prompts with two judges (every stage done), its judges as a label set, a classroom kit drawn from
 * the run, and four students' answer files per kit persona (PERSONA's human study had four annotators
 * per persona). Times are fixed, so the same code gives the same file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ANSWERS_FORMAT, type AnswersFile } from '../src/core/annotation/answers-file';
import { makeKit, presentation } from '../src/core/annotation/kit';
import { kitDraftFromPairs } from '../src/core/annotation/kit-from-run';
import { DEMO_FORMAT, DEMO_PATH, type DemoBundle } from '../src/core/demo/bundle';
import { labelSetFromRun } from '../src/core/judging/from-run';
import { renderPersona } from '../src/core/personas/render';
import { generateSet } from '../src/core/personas/set-jobs';
import { makeConfig } from '../src/core/pipeline/config';
import { createRun } from '../src/core/pipeline/create';
import { readPairs, type PairView } from '../src/core/pipeline/pairs';
import type { RunItem } from '../src/core/pipeline/records';
import { executeRun } from '../src/core/pipeline/runner';
import { MemoryStore } from '../src/core/pipeline/store';
import { defaultPrompts } from '../src/core/prompts/default-set';
import { Rng } from '../src/core/random';
import { demoModel } from './demo/demo-model';

const OUT = new URL(`../public/${DEMO_PATH}`, import.meta.url);
const T0 = Date.parse('2026-12-01T09:00:00Z');
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Replaces every time the pipeline stamped (ms since the epoch, today) with a fixed one, and the
 * scripted calls' durations with 0, so the file only changes with the code.
 */
function fixTimes<T>(value: T): T {
  const now = Date.now();
  return JSON.parse(JSON.stringify(value), (k, v: unknown) => {
    if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) && Math.abs(Date.parse(v) - now) < 86_400_000) return iso(0);
    if (typeof v !== 'number') return v;
    if (k === 'ms' || k === 'elapsedMs') return 0;
    return v > now - 86_400_000 && v <= now + 60_000 ? T0 : v;
  }) as T;
}

async function main(): Promise<void> {
  const set = await generateSet({ seed: 'demo', count: 8 });
  const writer = demoModel('demo-writer');
  const judges = [demoModel('demo-judge-persona', 'persona'), demoModel('demo-judge-position', 'position')];
  const store = new MemoryStore();
  const ref = (c: { backend: string; model: string }) => ({ backend: c.backend, model: c.model });
  const config = makeConfig(
    { generator: ref(writer), critic: ref(writer), judges: judges.map(ref) },
    { plan: { train: 2, seenTest: 1, heldout: 1 }, seed: 1 },
  );
  const created = await createRun(store, {
    id: 'run-demo',
    name: 'Demo run (scripted model, two judges)',
    config,
    personas: set.personas.map((p) => ({ id: p.id, text: renderPersona(p) })),
    prompts: defaultPrompts(),
    appVersion: version,
  });
  const outcome = await executeRun(created.id, { store, clients: { generator: writer, critic: writer, judges }, retryDelayMs: () => 0 });
  if (outcome.status !== 'done') throw new Error(`The demo run ended "${outcome.status}": ${JSON.stringify(outcome)}`);
  const run = fixTimes((await store.getRun(created.id))!);
  const items: RunItem[] = [];
  for await (const item of store.listItems(run.id)) items.push(fixTimes(item));
  const pairs: PairView[] = [];
  for await (const p of readPairs(store, run.id)) pairs.push(p);

  const labels = { ...(await labelSetFromRun(run, pairs, T0)), name: 'Demo run: the two judges' };
  const { draft } = kitDraftFromPairs(pairs, { title: 'Demo classroom', personas: 2, perPersona: 4, seed: 'demo-kit', createdAt: iso(0) });
  const kit = makeKit(draft);
  const answerFiles = kit.personas.flatMap((persona, p) =>
    [1, 2, 3, 4].map((k) => {
      const annotator = `Student ${p * 4 + k}`;
      const rng = new Rng(`demo-students/${annotator}`);
      const file: AnswersFile = {
        format: ANSWERS_FORMAT,
        version: 1,
        kitId: kit.id,
        kitTitle: kit.title,
        annotator,
        personaId: persona.id,
        startedAt: iso(10 * k),
        exportedAt: iso(10 * k + 8),
        answers: presentation(kit, persona.id, annotator).map(({ item, shownFirst }, i) => {
          const choice = rng.chance(0.7) ? 'b' : 'a';
          return {
            pairId: item.pairId,
            choice,
            shownFirst,
            justification: choice === 'b' ? 'It sounds like it was written for this person.' : 'The plain answer is enough for them.',
            answeredAt: iso(10 * k + i + 1),
          };
        }),
      };
      return { name: `${annotator.toLowerCase().replace(' ', '-')}.json`, text: JSON.stringify(file, null, 2) };
    }),
  );

  const bundle: DemoBundle = {
    format: DEMO_FORMAT,
    version: 1,
    about:
      'Made by `npm run demo` (scripts/make-demo.ts): the embedded census model (seed "demo", 8 personas), the embedded prompts, ' +
      'and the real pipeline answered by a deterministic scripted model (scripts/demo/demo-model.ts), not a language model: ' +
      'its texts only show the shape of the work. Two scripted judges: one reads the persona, one often picks the first answer shown.',
    personaSet: {
      name: 'Demo personas',
      params: { seed: 'demo', count: 8 },
      modelId: set.modelId,
      modelLabel: set.modelLabel,
      fingerprint: set.fingerprint,
      train: set.train,
      comparison: set.comparison,
      personas: set.personas,
    },
    run,
    items,
    labels,
    kit,
    answerFiles,
  };
  const text = `${JSON.stringify(bundle)}\n`;
  if (process.argv.includes('--check')) {
    const old = readFileSync(OUT, 'utf8');
    if (old !== text) throw new Error(`${OUT.pathname} is not what scripts/make-demo.ts makes now: run npm run demo and commit it.`);
    console.log(`${OUT.pathname} is up to date.`);
    return;
  }
  writeFileSync(OUT, text);
  console.log(
    `${OUT.pathname}: ${set.personas.length} personas, ${run.manifest.plan.pairs} pairs, ${answerFiles.length} answer files, ${(text.length / 1024).toFixed(0)} KB`,
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
