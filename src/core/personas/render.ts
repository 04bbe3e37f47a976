/**
 * A persona as the text a model sees. Attributes that do not apply (null) are left out, because a
 * line reading "vision difficulty: none given" invites a model to invent one. Census codes are
 * written in readable words (./readable.ts: "MED-Registered Nurses" → "Registered nurse"); the
 * record itself, and every export, keeps the PUMS label.
 */
import { readableValue } from './readable';
import { PERSONA_KEYS, type PersonaAttributes, type PersonaKey } from './schema';

/** Options for rendering. */
export interface RenderOptions {
  /** Only these keys, in persona order (the leave-one-out analysis renders 3 or 4 attributes). */
  readonly keys?: readonly PersonaKey[];
}

/** Formats one value: income as dollars a year, census labels in readable words, everything else as written. */
function formatValue(key: PersonaKey, value: string | number): string {
  if (key === 'income' && typeof value === 'number') return `$${value.toLocaleString('en-US')} a year`;
  return typeof value === 'string' ? readableValue(key, value) : String(value);
}

/** The persona as "key: value" lines in the paper's attribute order, skipping nulls. */
export function renderPersona(persona: Partial<PersonaAttributes>, options: RenderOptions = {}): string {
  const wanted = options.keys ? new Set(options.keys) : undefined;
  const lines: string[] = [];
  for (const key of PERSONA_KEYS) {
    if (wanted && !wanted.has(key)) continue;
    const value = persona[key];
    if (value === null || value === undefined || value === '') continue;
    lines.push(`${key}: ${formatValue(key, value)}`);
  }
  return lines.join('\n');
}
