/** Option values every command reads the same way: a usage error names the option and what it got. */
import { UsageError } from './command';

/** A whole-number option ≥ `min`, or `fallback` when not given. */
export function intOption(name: string, v: unknown, fallback: number, min: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, got "${String(v)}".`);
  return n;
}

/** An option that is one of `allowed`, or `fallback` when not given. */
export function oneOfOption<T extends string>(name: string, v: unknown, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (!allowed.includes(v as T)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${String(v)}".`);
  return v as T;
}
