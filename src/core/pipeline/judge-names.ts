/**
 * Names for a run's judges that tell them apart: the model ("backend:model"), and when two judges
 * use the same model, the settings where they differ ("webllm:X · temperature 0.7"); judges the
 * same in every setting are numbered ("webllm:X · #2").
 */
import { modelLabel, type RoleSpec } from './config';

/** A sampling value as people read it. */
const show = (v: unknown) => (typeof v === 'object' ? JSON.stringify(v) : String(v));

/** One distinct name per judge, in order. */
export function judgeNames(judges: readonly RoleSpec[]): string[] {
  const models = judges.map((j) => modelLabel(j.model));
  return judges.map((j, i) => {
    const twins = judges.map((_, k) => k).filter((k) => models[k] === models[i]);
    if (twins.length < 2) return models[i]!;
    const keys = [...new Set(twins.flatMap((k) => Object.keys(judges[k]!.sampling)))].sort();
    const s = j.sampling as Readonly<Record<string, unknown>>;
    const differ = keys.filter((key) => twins.some((k) => show((judges[k]!.sampling as Record<string, unknown>)[key]) !== show(s[key])));
    const settings = differ.map((key) => `${key.replace(/_/g, ' ')} ${s[key] === undefined ? 'default' : show(s[key])}`);
    const same = twins.filter((k) => differ.every((key) => show((judges[k]!.sampling as Record<string, unknown>)[key]) === show(s[key])));
    const number = same.length > 1 ? [`#${same.indexOf(i) + 1}`] : [];
    return [models[i]!, ...settings, ...number].join(' · ');
  });
}
