/**
 * A bench's files: `results.json` (per method accuracy, ci95, n_items, n_samples, missing, pass_at_k;
 * the model, the critic and the config), `samples.jsonl` (one line per sample: method, persona_id,
 * prompt_id, sample, answer, needs_revision, critique), and the leaderboard of every bench as rows,
 * CSV or JSON.
 */
import Papa from 'papaparse';
import type { RoleSpec } from '../pipeline/config';
import { BENCH_METHODS, type BenchMethod } from './methods';
import { ksFor, PASS_KS } from './pass-at-k';
import type { BenchRecord, BenchSample } from './records';
import type { BenchResults } from './score';

/** A role as results.json names it. */
interface RoleJson {
  /** The model's name as its backend knows it. */
  readonly name: string;
  /** "openai-http", "webllm", … */
  readonly backend: string;
  /** The server's API root, for server backends. */
  readonly endpoint?: string;
  /** Every sampling parameter sent. */
  readonly sampling: RoleSpec['sampling'];
}

function roleJson(r: RoleSpec): RoleJson {
  return { name: r.model.model, backend: r.model.backend, ...(r.model.baseUrl ? { endpoint: r.model.baseUrl } : {}), sampling: r.sampling };
}

/** The results.json object. `extra` (counts, status) is added at the end. */
export function resultsJson(bench: BenchRecord, results: BenchResults, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const c = bench.config;
  return {
    methods: results.methods,
    model: roleJson(c.model),
    critic: roleJson(c.critic),
    ...(c.subtlety ? { subtlety_judge: roleJson(c.subtlety) } : {}),
    config: {
      bench_id: bench.id,
      seed: c.seed,
      methods: c.methods,
      samples: c.samples,
      pass_at_k: ksFor(c.samples),
      selection: c.selection,
      items: bench.items.length,
      personas: bench.personas.length,
      prompts: bench.prompts.length,
      max_attempts: c.maxAttempts,
      bootstrap_resamples: c.resamples,
      templates: bench.manifest.templates,
      app_version: bench.manifest.appVersion,
      inputs: bench.manifest.inputs,
      warnings: bench.manifest.plan.warnings,
    },
    ...(results.summary_attributes ? { summary_attributes: results.summary_attributes } : {}),
    ...extra,
  };
}

/** One line of samples.jsonl. */
export interface SampleLine {
  /** The method. */
  readonly method: BenchMethod;
  /** The persona. */
  readonly persona_id: string;
  /** The prompt. */
  readonly prompt_id: string;
  /** Sample index. */
  readonly sample: number;
  /** The extracted answer the critic saw; null when the answer was unreadable or never made. */
  readonly answer: string | null;
  /** The critic's verdict (false = pass); null when missing. */
  readonly needs_revision: boolean | null;
  /** The critique; null when missing. */
  readonly critique: Record<string, unknown> | null;
  /** "done", "missing", "failed" or "pending". */
  readonly status: BenchSample['status'];
  /** The summary (summary method) or reasoning (cot) the model wrote before answering, when it did. */
  readonly summary?: string;
  readonly reasoning?: string;
  /** Whether the answer quotes the persona's attributes (§5.2), when the judge ran and decided. */
  readonly non_subtle?: boolean;
  /** Why the sample is missing or failed. */
  readonly error?: string;
}

/** A sample as its samples.jsonl line. */
export function sampleLine(s: BenchSample): SampleLine {
  const answer = s.stages.answer?.status === 'done' ? s.stages.answer.output : undefined;
  const critique = s.stages.critic?.status === 'done' ? s.stages.critic.output : undefined;
  const sub = s.stages.subtlety?.status === 'done' ? s.stages.subtlety.output : undefined;
  return {
    method: s.method,
    persona_id: s.personaId,
    prompt_id: s.promptId,
    sample: s.sample,
    answer: answer?.text ?? null,
    needs_revision: critique?.needs_revision ?? null,
    critique: critique ? { ...critique } : null,
    status: s.status,
    ...(answer?.summary ? { summary: answer.summary } : {}),
    ...(answer?.reasoning ? { reasoning: answer.reasoning } : {}),
    ...(sub ? { non_subtle: sub.quotes_attributes } : {}),
    ...(s.error && s.status !== 'done' ? { error: s.error } : {}),
  };
}

/** One leaderboard row: a bench's model × method. */
export interface LeaderboardRow {
  readonly benchId: string;
  readonly bench: string;
  readonly model: string;
  readonly backend: string;
  readonly critic: string;
  readonly method: BenchMethod;
  readonly accuracy: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  readonly items: number;
  readonly samples: number;
  readonly missing: number;
  /** pass@k by k ("1" … "16"); absent for k > n. */
  readonly passAtK: Readonly<Record<string, number | null>>;
  /** When the bench was created (ISO 8601). */
  readonly created: string;
}

/** Every finished bench's model × method with results, best accuracy first (a stopped bench's partial results are left out). */
export function leaderboard(benches: readonly BenchRecord[]): LeaderboardRow[] {
  const rows: LeaderboardRow[] = [];
  for (const b of benches) {
    if (b.status !== 'done') continue;
    for (const method of BENCH_METHODS) {
      const r = b.results?.methods[method];
      if (!r || r.n_items === 0) continue;
      rows.push({
        benchId: b.id,
        bench: b.name,
        model: b.config.model.model.model,
        backend: b.config.model.model.backend,
        critic: b.config.critic.model.model,
        method,
        accuracy: r.accuracy,
        ciLow: r.ci95?.[0] ?? null,
        ciHigh: r.ci95?.[1] ?? null,
        items: r.n_items,
        samples: r.n_samples,
        missing: r.missing,
        passAtK: r.pass_at_k,
        created: new Date(b.createdAt).toISOString(),
      });
    }
  }
  return rows.sort((a, b) => (b.accuracy ?? -1) - (a.accuracy ?? -1) || a.model.localeCompare(b.model));
}

const LEADERBOARD_COLUMNS = [
  'model',
  'backend',
  'method',
  'accuracy',
  'ci_low',
  'ci_high',
  'n_items',
  'n_samples',
  'missing',
  ...PASS_KS.map((k) => `pass@${k}`),
  'critic',
  'bench',
  'bench_id',
  'created',
];

/** The leaderboard as CSV (cells that start like a formula are neutralised). */
export function leaderboardCsv(rows: readonly LeaderboardRow[]): string {
  const data = rows.map((r) => [
    r.model,
    r.backend,
    r.method,
    r.accuracy ?? '',
    r.ciLow ?? '',
    r.ciHigh ?? '',
    r.items,
    r.samples,
    r.missing,
    ...PASS_KS.map((k) => r.passAtK[String(k)] ?? ''),
    r.critic,
    r.bench,
    r.benchId,
    r.created,
  ]);
  return Papa.unparse({ fields: LEADERBOARD_COLUMNS, data }, { escapeFormulae: true }) + '\r\n';
}

/** The leaderboard as JSON (snake_case keys as in results.json). */
export function leaderboardJson(rows: readonly LeaderboardRow[]): string {
  return (
    JSON.stringify(
      rows.map((r) => ({
        model: r.model,
        backend: r.backend,
        method: r.method,
        accuracy: r.accuracy,
        ci95: r.ciLow === null || r.ciHigh === null ? null : [r.ciLow, r.ciHigh],
        n_items: r.items,
        n_samples: r.samples,
        missing: r.missing,
        pass_at_k: r.passAtK,
        critic: r.critic,
        bench: r.bench,
        bench_id: r.benchId,
        created: r.created,
      })),
      null,
      2,
    ) + '\n'
  );
}
