/**
 * Reading JSON that models wrap in prose: every balanced `{…}` that parses, in order, and string or
 * boolean fields read straight from text whose JSON was cut off (the token limit) or malformed.
 */

/** Every top-level balanced {…} in the text that parses as a JSON object, in order. */
export function jsonObjects(text: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let start = text.indexOf('{');
  while (start >= 0) {
    let depth = 0;
    let inString = false;
    let end = -1;
    for (let i = start; i < text.length; i++) {
      const ch = text[i];
      if (inString) {
        if (ch === '\\') i++;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) {
        end = i;
        break;
      }
    }
    if (end < 0) break;
    try {
      const v: unknown = JSON.parse(text.slice(start, end + 1));
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        out.push(v as Record<string, unknown>);
        start = text.indexOf('{', end + 1);
        continue;
      }
    } catch {
      // not JSON: look for an object starting further on
    }
    start = text.indexOf('{', start + 1);
  }
  return out;
}

/** Key spellings models use for one field: "needs_revision", "needs revision", "needsRevision", "Needs-Revision". */
function keyMatches(key: string, name: string): boolean {
  return key.toLowerCase().replace(/[\s_-]/g, '') === name.toLowerCase().replace(/_/g, '');
}

/** The value of a field under any spelling of its key; undefined when absent. */
export function field(o: Record<string, unknown>, name: string): unknown {
  for (const [k, v] of Object.entries(o)) if (keyMatches(k, name)) return v;
  return undefined;
}

/** A string field's text as far as it goes, from JSON that may be cut off or malformed ("…": "text…). */
export function looseStringField(text: string, name: string): string | undefined {
  const key = name.replace(/_/g, '[ _]?');
  const m = new RegExp(`"${key}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)("?)`, 'i').exec(text);
  if (!m) return undefined;
  const body = (m[1] ?? '').replace(/\\$/, '');
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return body;
  }
}

/** A boolean field from text whose JSON does not parse ("needs_revision": true, 'needs_revision': "no"). */
export function looseBooleanField(text: string, name: string): boolean | undefined {
  const key = name.replace(/_/g, '[ _]?');
  const m = new RegExp(`["']${key}["']\\s*:\\s*["']?(true|false|yes|no)\\b`, 'i').exec(text);
  return m?.[1] ? /^(true|yes)$/i.test(m[1]) : undefined;
}

/** A boolean from a JSON value: true/false, "true"/"false", "yes"/"no"; undefined otherwise. */
export function asBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^\s*(true|false|yes|no)\s*$/i.test(v)) return /^\s*(true|yes)/i.test(v);
  return undefined;
}

/** A field's text when it is a string (or a list of strings, joined); "" otherwise. */
export function asText(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(' ').trim();
  return '';
}
