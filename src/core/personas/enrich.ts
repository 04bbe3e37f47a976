/**
 * Optional LLM enrichment of the open-ended fields (detailed job description, personal time,
 * lifestyle), the paper's second stage: the model rewrites each field as a specific, concrete
 * phrase consistent with the rest of the persona. Seeded (the request seed derives from the
 * persona id and field) and resumable (outputs are cached by persona id, field and request hash).
 * An output that cannot be used (empty, too long, or breaking a hard rule) leaves the field as it
 * was and is reported with its raw text.
 */
import type { GenerateRequest, LlmClient } from '../llm/types';
import { hashHex } from '../random';
import { cachedGenerate, derivedSeed, llmCacheKey, MemoryLlmCache, type LlmOutputCache } from './llm-cache';
import { renderPersona } from './render';
import { checkPersonaRules } from './rules';
import type { Persona } from './schema';

/** The fields enrichment may rewrite. */
export const ENRICHABLE_FIELDS = ['detailed job description', 'personal time', 'lifestyle'] as const;
/** One enrichable field. */
export type EnrichableField = (typeof ENRICHABLE_FIELDS)[number];

/** The enrichment prompt; `{persona}`, `{field}` and `{current}` are filled in. */
export const ENRICH_PROMPT = `Here is a profile of one person living in the United States.

{persona}

Rewrite this person's "{field}" as one specific, concrete phrase or sentence of at most 25 words that fits everything else in the profile. The current value is: "{current}".
Write in the same style (no "I", no name), without repeating other attributes. Reply with the new value only.`;

/** The system message of enrichment. */
export const ENRICH_SYSTEM = 'You write short, realistic details for synthetic survey personas. You never stereotype.';

/** A hash of the enrichment prompt, recorded in every report. */
export const ENRICH_PROMPT_HASH = hashHex(ENRICH_SYSTEM + '\n' + ENRICH_PROMPT);

/** The longest value kept (characters). */
export const MAX_ENRICHED_LENGTH = 240;

/** Cleans a model's answer into a field value; undefined when nothing usable remains. */
export function cleanEnrichment(raw: string, field: string): string | undefined {
  const text = raw.replace(/<think>[\s\S]*?<\/think>/gi, '').trim();
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

/** The enrichment request for one field of one persona. */
export function enrichRequest(persona: Persona, field: EnrichableField, temperature = 0.7): GenerateRequest {
  const current = String(persona[field] ?? '');
  return {
    messages: [
      { role: 'system', content: ENRICH_SYSTEM },
      {
        role: 'user',
        content: ENRICH_PROMPT.replace('{persona}', renderPersona(persona)).replace('{field}', field).replace('{current}', current),
      },
    ],
    temperature,
    max_tokens: 80,
    seed: derivedSeed(`enrich|${persona.id}|${field}`),
  };
}

/** One field the model could not rewrite. */
export interface EnrichmentFailure {
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
  /** Hash of the prompt. */
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
  /** Stored outputs (default: in memory). */
  readonly cache?: LlmOutputCache;
  /** Stops between calls. */
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
  const cache = options.cache ?? new MemoryLlmCache();
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
      const request = enrichRequest(original, field, options.temperature);
      const r = await cachedGenerate(client, cache, llmCacheKey(original.id, field, request, client), request, options.signal);
      if (r.cached) cached++;
      const value = cleanEnrichment(r.text, field);
      const next = value === undefined ? undefined : { ...persona, [field]: value };
      if (next === undefined || checkPersonaRules(next).length > checkPersonaRules(persona).length)
        failures.push({ id: original.id, field, raw: r.text });
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
