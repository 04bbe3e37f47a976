/**
 * Changing the server of a run's roles after it stopped: a server that went away, a model moved to
 * another machine. The finished items are kept (their calls are done); the items still to do are
 * asked of the new server when the run resumes. The manifest lists every change (when, which role,
 * old → new) beside the config, so the results say which server made what.
 */
import { modelLabel, type ModelRef, type RoleSpec, type RunConfig } from './config';
import type { RunRecord, RunStatus } from './records';

/** A role of a run: the generator, the critic or judge i (0-based). */
export type RunRole = 'generator' | 'critic' | `judge:${number}`;

/** One recorded change of a role's server. */
export interface ServerChange {
  /** When (ISO 8601). */
  readonly at: string;
  /** Which role. */
  readonly role: RunRole;
  /** The model before. */
  readonly from: ModelRef;
  /** The model after. */
  readonly to: ModelRef;
}

/** Statuses whose server cannot change: calls are in flight, or out in a batch file. */
const BUSY: ReadonlySet<RunStatus> = new Set(['running', 'waiting']);

/** The roles of a run, in order, with what people call them. */
export function runRoles(config: RunConfig): { role: RunRole; label: string; spec: RoleSpec }[] {
  return [
    { role: 'generator', label: 'Generator (y_l)', spec: config.generator },
    { role: 'critic', label: 'Critic (y_w)', spec: config.critic },
    ...config.judges.map((spec, i) => ({ role: `judge:${i}` as RunRole, label: `Judge ${i + 1}`, spec })),
  ];
}

/** The config with one role's model replaced. */
function withModel(config: RunConfig, role: RunRole, model: ModelRef): RunConfig {
  if (role === 'generator') return { ...config, generator: { ...config.generator, model } };
  if (role === 'critic') return { ...config, critic: { ...config.critic, model } };
  const j = Number(role.slice('judge:'.length));
  return { ...config, judges: config.judges.map((spec, i) => (i === j ? { ...spec, model } : spec)) };
}

/** Why a run's servers cannot be changed now; undefined when they can. */
export function serverEditBlocked(run: Pick<RunRecord, 'status' | 'source'>): string | undefined {
  if (BUSY.has(run.status))
    return run.status === 'running' ? 'The run is running: pause it first.' : 'Calls of this run are out in a batch file.';
  return undefined;
}

/**
 * The run with the given roles' models changed, each change recorded in `manifest.serverChanges`
 * (sampling, plan, seed and finished items stay). A run that stopped on a failure reads as paused,
 * ready to resume with the new server. Throws for a busy run, an unknown role or a change to nothing.
 */
export function editRunServers(run: RunRecord, changes: readonly { role: RunRole; model: ModelRef }[], now = Date.now()): RunRecord {
  const blocked = serverEditBlocked(run);
  if (blocked) throw new Error(blocked);
  const roles = new Map(runRoles(run.config).map((r) => [r.role, r.spec]));
  let config = run.config;
  const recorded: ServerChange[] = [];
  for (const { role, model } of changes) {
    const before = roles.get(role);
    if (!before) throw new Error(`Run "${run.name}" has no role "${role}".`);
    if (!model.model.trim() || (model.backend === 'openai-http' && !model.baseUrl?.trim()))
      throw new Error('A server needs both an address and a model name.');
    if (modelLabel(before.model) === modelLabel(model)) continue;
    config = withModel(config, role, model);
    recorded.push({ at: new Date(now).toISOString(), role, from: before.model, to: model });
  }
  if (recorded.length === 0) throw new Error('Nothing changed: the roles already use these servers.');
  const { error: _error, ...rest } = run;
  const stopped = run.status === 'failed' || run.status === 'interrupted';
  return {
    ...rest,
    config,
    manifest: { ...run.manifest, config, serverChanges: [...(run.manifest.serverChanges ?? []), ...recorded] },
    status: stopped ? 'paused' : run.status,
    updatedAt: now,
  };
}

/** A recorded change as one line for people: "Judge 1: openai-http:a@http://x → openai-http:b@http://y (2026-…)". */
export function describeServerChange(c: ServerChange): string {
  const who = c.role === 'generator' ? 'Generator' : c.role === 'critic' ? 'Critic' : `Judge ${Number(c.role.slice(6)) + 1}`;
  return `${who}: ${modelLabel(c.from)} → ${modelLabel(c.to)} (${c.at})`;
}
