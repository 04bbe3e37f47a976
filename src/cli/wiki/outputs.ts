/**
 * The files `wiki` writes into its output directory after each session: `results.json` (the study,
 * this session's figures and every table) and the data files (questions, pairs, prefixes,
 * rewards, win-rate comparisons, and `trl.jsonl`, every pair under every prefix for DPO with TRL).
 */
import { join } from 'node:path';
import { jsonl, trlLines } from '../../core/wiki/export';
import { studyResults } from '../../core/wiki/results';
import type { WikiStore, WikiStudyRecord } from '../../core/wiki/store';
import type { StudyOutcome } from '../../core/wiki/runner';
import { writeAtomic } from '../pipeline/file-store';

/** Writes the files; resolves to the summary printed on stdout. */
export async function writeWikiOutputs(
  store: WikiStore,
  study: WikiStudyRecord,
  outcome: StudyOutcome,
  dir: string,
  notes: readonly string[],
) {
  const id = study.id;
  const [questions, pairs, prefixes, rewards, wins, failures] = await Promise.all([
    store.list(id, 'questions'),
    store.list(id, 'pair'),
    store.list(id, 'prefix'),
    store.list(id, 'reward'),
    store.list(id, 'win'),
    store.list(id, 'failure'),
  ]);
  const results = await studyResults(store, study);
  const names = new Map(study.people.map((p) => [p.id, p.name]));
  writeAtomic(join(dir, 'questions.jsonl'), jsonl(questions.flat()));
  writeAtomic(join(dir, 'pairs.jsonl'), jsonl(pairs.map((p) => ({ name: names.get(p.personId), ...p }))));
  writeAtomic(join(dir, 'prefixes.jsonl'), jsonl(prefixes));
  writeAtomic(join(dir, 'rewards.jsonl'), jsonl(rewards));
  writeAtomic(join(dir, 'wins.jsonl'), jsonl(wins));
  const trl = trlLines(pairs, prefixes, names, study.config.prefixes);
  writeAtomic(join(dir, 'trl.jsonl'), jsonl(trl));
  const summary = {
    study: {
      id: study.id,
      name: study.name,
      status: study.status,
      stepsDone: study.stepsDone,
      models: study.models,
      config: study.config,
      templates: study.templates,
    },
    session: { status: outcome.status, ...(outcome.error ? { error: outcome.error } : {}), ...outcome.session },
    notes,
    results,
    failures: failures.map((f) => f.error),
    files: ['questions.jsonl', 'pairs.jsonl', 'prefixes.jsonl', 'rewards.jsonl', 'wins.jsonl', 'trl.jsonl'],
    trlLines: trl.length,
  };
  writeAtomic(join(dir, 'results.json'), JSON.stringify(summary, null, 2) + '\n');
  return {
    out: dir,
    status: outcome.status,
    stepsDone: study.stepsDone,
    counts: results.counts,
    scoring: results.scoring,
    diversity: results.diversity,
    rewardFilter: results.rewardFilter,
    session: summary.session,
  };
}
