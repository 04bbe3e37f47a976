/** Number formatting for the statistics views: undefined values read "—", never 0. */

/** A statistic with `digits` decimals, or "—" when undefined. */
export function fmt(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

/** An interval "[low, high]", or "—". */
export function fmtCi(ci: readonly [number, number] | null | undefined, digits = 3): string {
  return ci ? `[${ci[0].toFixed(digits)}, ${ci[1].toFixed(digits)}]` : '—';
}

/** A share as a percentage, or "—". */
export function pct(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined ? '—' : `${(100 * v).toFixed(digits)}%`;
}
