/** Number formatting for the UI. */

/** Bytes as "812 MB" or "1.24 GB"; "—" for undefined. */
export function fmtBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  const mb = bytes / 2 ** 20;
  return mb >= 1024 ? `${(mb / 1024).toFixed(2)} GB` : `${Math.round(mb)} MB`;
}

/** Megabytes as "812 MB" or "1.2 GB". */
export function fmtMb(mb: number | undefined): string {
  return fmtBytes(mb === undefined ? undefined : mb * 2 ** 20);
}

/** Seconds as "45 s", "3 min 5 s" or "1 h 2 min". */
export function fmtSeconds(s: number): string {
  if (s < 60) return `${Math.max(0, Math.round(s))} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}
