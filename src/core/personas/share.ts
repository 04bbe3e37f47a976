/**
 * Share links: a persona set generated from the embedded census model is fully determined by its
 * parameters, so a link carries only those (plus the model id and the set's fingerprint, to check
 * on arrival that the other machine produced the very same set). Sets from imported census models
 * or files cannot be shared this way: their source is not on the other machine.
 */
import type { GenerateParams } from './generate';

/** The parameters a share link carries. */
export interface ShareParams extends GenerateParams {
  /** The census model id the set was generated from (`censusModelId`). */
  readonly model: string;
  /** The set's fingerprint (`setFingerprint`), when known. */
  readonly fingerprint?: string;
  /** A name for the set, when given. */
  readonly name?: string;
}

/** The largest count a link (and the app) may ask for: larger sets are the CLI's job. */
export const MAX_SHARED_COUNT = 200_000;
/** A link asking for more personas than this is not opened until the user agrees (the set is generated and stored). */
export const CONFIRM_SHARED_COUNT = 5_000;
/** The longest seed a link may carry. */
const MAX_SEED_LENGTH = 200;

/** The hash route of the persona pages. */
const SHARE_ROUTE = '/personas';

/** The query string of a share link ("seed=…&count=…&min=…&max=…&model=…&fp=…"), percent-encoded. */
export function shareQuery(p: ShareParams): string {
  const pairs: [string, string | number | undefined][] = [
    ['seed', p.seed],
    ['count', p.count],
    ['min', p.minAge],
    ['max', p.maxAge],
    ['model', p.model],
    ['fp', p.fingerprint],
    ['name', p.name],
  ];
  return pairs
    .filter((kv): kv is [string, string | number] => kv[1] !== undefined && kv[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
}

/** Splits a query string into decoded values (the first of repeated keys wins). */
function readQuery(query: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of query.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const at = part.indexOf('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    const k = decode(at < 0 ? part : part.slice(0, at));
    if (!out.has(k)) out.set(k, at < 0 ? '' : decode(part.slice(at + 1)));
  }
  return out;
}

/** A whole link for the app at `base` (its address without the hash). */
export function shareLink(base: string, p: ShareParams): string {
  return `${base.replace(/#.*$/, '')}#${SHARE_ROUTE}?${shareQuery(p)}`;
}

const whole = (s: string | null, what: string, min: number, max: number): number => {
  if (s === null || !/^\d+$/.test(s)) throw new Error(`the link's ${what} "${s ?? ''}" is not a whole number`);
  const n = Number(s);
  if (n < min || n > max) throw new Error(`the link's ${what} ${n} is outside ${min}–${max}`);
  return n;
};

/**
 * Reads a share link's query string; undefined when it has no seed (not a share link), an
 * Error naming the bad parameter when it is malformed.
 */
export function parseShareQuery(query: string): ShareParams | Error | undefined {
  const q = readQuery(query);
  const get = (k: string) => q.get(k) ?? null;
  const seed = get('seed');
  if (seed === null) return undefined;
  try {
    if (seed.length === 0 || seed.length > MAX_SEED_LENGTH) throw new Error(`the link's seed must have 1 to ${MAX_SEED_LENGTH} characters`);
    const count = whole(get('count'), 'count', 1, MAX_SHARED_COUNT);
    const min = q.has('min') ? whole(get('min'), 'minimum age', 0, 99) : undefined;
    const max = q.has('max') ? whole(get('max'), 'maximum age', 0, 99) : undefined;
    if (min !== undefined && max !== undefined && min > max) throw new Error(`the link's minimum age ${min} is above its maximum ${max}`);
    const model = get('model');
    if (!model || !/^[0-9a-f]{8,64}$/.test(model)) throw new Error('the link names no valid census model');
    const fp = get('fp');
    if (fp !== null && !/^[0-9a-f]{32}$/.test(fp)) throw new Error("the link's fingerprint is malformed");
    const name = get('name');
    return {
      seed,
      count,
      ...(min !== undefined ? { minAge: min } : {}),
      ...(max !== undefined ? { maxAge: max } : {}),
      model,
      ...(fp ? { fingerprint: fp } : {}),
      ...(name ? { name: name.slice(0, 200) } : {}),
    };
  } catch (e) {
    return e as Error;
  }
}
