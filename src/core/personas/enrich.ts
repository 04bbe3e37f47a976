/**
 * Optional LLM enrichment of the open-ended fields (detailed job description, personal time,
 * lifestyle), the paper's second stage: the model rewrites each field as a specific, concrete
 * phrase consistent with the rest of the persona. Seeded (the request seed derives from the
 * persona id and field) and resumable (calls go through the one call path, `generateParsed`, and
 * its one call cache). An output that cannot be used (empty, too long, cut off at the token limit,
 * or breaking a hard rule) leaves the field as it was and is reported with its raw text.
 */
import type { LlmClient, SamplingOptions } from '../llm/types';
import { StageError, generateParsed, seedFrom } from '../pipeline/call';
import type { CallStore } from '../pipeline/cache';
import { callContext } from '../pipeline/context';
import type { Parsed } from '../pipeline/parsers';
import { templateVersion, type PromptTemplate } from '../pipeline/templates';
import { renderPersona } from './render';
import { checkPersonaRules } from './rules';
import type { Persona } from './schema';

/** The fields enrichment may rewrite. */
export const ENRICHABLE_FIELDS = ['detailed job description', 'personal time', 'lifestyle'] as const;
/** One enrichable field. */
export type EnrichableField = (typeof ENRICHABLE_FIELDS)[number];

/** The enrichment prompt; `{persona}`, `{field}` and `{current}` are filled in. */
const ENRICH_TEMPLATE: PromptTemplate = {
  id: 'persona-enrich',
  source: 'Persona Lab, after PERSONA §3.1 (LLM-filled open-ended attributes)',
  system: 'You write short, realistic details for synthetic survey personas. You never stereotype.',
  user: `Here is a profile of one person living in the United States.

{persona}

Rewrite this person's "{field}" as one specific, concrete phrase or sentence of at most 25 words that fits everything else in the profile. The current value is: "{current}".
Write in the same style (no "I", no name), without repeating other attributes. Reply with the new value only.`,
  placeholders: ['persona', 'field', 'current'],
};

/** The enrichment template's version, recorded in every report. */
const ENRICH_PROMPT_HASH = templateVersion(ENRICH_TEMPLATE);

/** The longest value kept (characters). */
const MAX_ENRICHED_LENGTH = 240;

/** Reads a model's answer (already cleaned of thinking) into a field value; undefined when nothing usable remains. */
export function cleanEnrichment(text: string, field: string): string | undefined {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '');
  if (!line) return undefined;
  const label = new RegExp(`^(\\*\\*)?(new value|${field.replace(/\s+/g, '\\s+')})(\\*\\*)?\\s*[:\\-]\\s*`, 'i');
  const value = line
    .replace(label, '')
    .replace(/^["'“”‘’`]+|["'“”‘’`]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!value || value.length > MAX_ENRICHED_LENGTH) return undefined;
  return value;
}

/** Enrichment's sampling: varied (0.7), room for 25 words. */
const ENRICH_SAMPLING: SamplingOptions = { temperature: 0.7, max_tokens: 120 };

function parseEnrichment(field: string): (text: string) => Parsed<string> {
  return (text) => {
    const value = cleanEnrichment(text, field);
    return value === undefined ? { ok: false, error: `no value of at most ${MAX_ENRICHED_LENGTH} characters` } : { ok: true, value };
  };
}

/** Rewrites one field: the value, or undefined with the last raw output when none could be used. */
async function enrichOne(
  persona: Persona,
  field: EnrichableField,
  client: LlmClient,
  o: EnrichOptions,
): Promise<{ value?: string; raw: string; cached: number }> {
  const ctx = callContext(
    {
      llm: client,
      seed: seedFrom(`enrich|${persona.id}|${field}`),
      signal: o.signal ?? new AbortController().signal,
      sampling: { ...ENRICH_SAMPLING, ...(o.temperature !== undefined ? { temperature: o.temperature } : {}) },
      maxAttempts: o.maxAttempts ?? 2,
    },
    o.cache,
  );
  const values = { persona: renderPersona(persona), field, current: String(persona[field] ?? '') };
  try {
    const r = await generateParsed(ctx, { template: ENRICH_TEMPLATE, values, parse: parseEnrichment(field) });
    return { value: r.value, raw: r.attempts.at(-1)?.text ?? '', cached: r.attempts.filter((a) => a.cached).length };
  } catch (e) {
    if (o.signal?.aborted) throw o.signal.reason;
    if (!(e instanceof StageError && (e.kind === 'unparseable' || e.kind === 'truncated'))) throw e;
    return { raw: e.attempts.at(-1)?.text ?? '', cached: e.attempts.filter((a) => a.cached).length };
  }
}

/** One field the model could not rewrite. */
interface EnrichmentFailure {
  /** Persona id. */
  readonly id: string;
  /** The field. */
  readonly field: EnrichableField;
  /** The model's raw output. */
  readonly raw: string;
}

/** What an enrichment run did. */
export interface EnrichmentReport {
  /** Model and backend. */
  readonly model: string;
  /** The enrichment template's version ("persona-enrich@<hash>"). */
  readonly promptHash: string;
  /** Fields rewritten. */
  readonly rewritten: number;
  /** Outputs replayed from the cache. */
  readonly cached: number;
  /** Fields left as they were because the output was unusable. */
  readonly failures: readonly EnrichmentFailure[];
}

/** Enrichment options. */
export interface EnrichOptions {
  /** Fields to rewrite (default all three). Null fields and the job of a child under 16 (a school) are never sent. */
  readonly fields?: readonly EnrichableField[];
  /** Sampling temperature (default 0.7). */
  readonly temperature?: number;
  /** Tries per field when the answer cannot be used (default 2). */
  readonly maxAttempts?: number;
  /** The call cache (the app's one call cache; default none). */
  readonly cache?: CallStore;
  /** Stops between calls and the call in flight. */
  readonly signal?: AbortSignal;
  /** Called after each persona. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Enriches a set; resolves to the new personas (same order, ids and splits) and the report. */
export async function enrichPersonas(
  personas: readonly Persona[],
  client: LlmClient,
  options: EnrichOptions = {},
): Promise<{ personas: Persona[]; report: EnrichmentReport }> {
  const fields = options.fields ?? ENRICHABLE_FIELDS;
  const out: Persona[] = [];
  const failures: EnrichmentFailure[] = [];
  let rewritten = 0;
  let cached = 0;
  for (const [i, original] of personas.entries()) {
    let persona = original;
    for (const field of fields) {
      if (original[field] === null || original[field] === '') continue;
      if (field === 'detailed job description' && typeof original.age === 'number' && original.age < 16) continue;
      options.signal?.throwIfAborted();
      // Each field is rewritten from the original persona, so the request (and cache key) of one
      // field does not depend on whether another field's rewrite succeeded.
      const r = await enrichOne(original, field, client, options);
      cached += r.cached;
      const value = r.value;
      const next = value === undefined ? undefined : { ...persona, [field]: value };
      if (next === undefined || checkPersonaRules(next).length > checkPersonaRules(persona).length)
        failures.push({ id: original.id, field, raw: r.raw });
      else {
        persona = next;
        rewritten++;
      }
    }
    out.push(persona);
    options.onProgress?.(i + 1, personas.length);
  }
  return {
    personas: out,
    report: { model: `${client.backend}:${client.model}`, promptHash: ENRICH_PROMPT_HASH, rewritten, cached, failures },
  };
}
