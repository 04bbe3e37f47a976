/**
 * The optional LLM review of PERSONA §3.1: a model reads each persona and says whether one real
 * person could have all of its attributes; an implausible persona is replaced by the next draw
 * for the same index (when the set can be redrawn) and reviewed again. The paper's GPT-4 pass
 * removed about 8.5% of configurations; the report gives this run's rejection rate. Verdicts are
 * read leniently and the raw output is kept.
 */
import type { GenerateRequest, LlmClient } from '../llm/types';
import { hashHex } from '../random';
import { cachedGenerate, derivedSeed, llmCacheKey, MemoryLlmCache, type LlmOutputCache } from './llm-cache';
import { renderPersona } from './render';
import type { Persona } from './schema';

/** The review prompt; `{persona}` is the persona as `renderPersona` writes it. */
export const REVIEW_PROMPT = `Here is a synthetic profile of one person living in the United States.

{persona}

Could one real person plausibly have all of these attributes at the same time? Judge only internal consistency (age against schooling, work, income, family, health and so on), not how common the person is.
Answer on the first line with exactly one word, PLAUSIBLE or IMPLAUSIBLE, then give the reason in one sentence.`;

/** The system message of the review. */
export const REVIEW_SYSTEM = 'You check synthetic survey personas for internal consistency. You answer briefly.';

/** A hash of the review prompt, recorded in every report. */
export const REVIEW_PROMPT_HASH = hashHex(REVIEW_SYSTEM + '\n' + REVIEW_PROMPT);

/** A model's verdict. */
export type Verdict = 'plausible' | 'implausible' | 'unclear';

/** A parsed verdict with the model's raw output. */
export interface ParsedVerdict {
  /** What the model said; "unclear" when no verdict could be read (the persona is kept). */
  readonly verdict: Verdict;
  /** The reason, as far as it could be separated from the verdict. */
  readonly reason: string;
  /** The model's whole output. */
  readonly raw: string;
}

const NEGATIVE = /\b(implausible|not plausible|unrealistic|inconsistent|impossible|reject(ed)?|invalid|no)\b/i;
const POSITIVE = /\b(plausible|realistic|consistent|possible|accept(ed)?|valid|yes)\b/i;

/**
 * Reads a verdict leniently: JSON ({"verdict": …}), a "VERDICT:" label, or the first verdict-like
 * word of the output (negative words are looked for first, since "implausible" contains "plausible").
 */
export function parseVerdict(raw: string): ParsedVerdict {
  const text = raw.replace(/<think>[\s\S]*?<\/think>/gi, '').trim();
  let head = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const json = /\{[\s\S]*\}/.exec(text);
  if (json) {
    try {
      const o = JSON.parse(json[0]) as Record<string, unknown>;
      const v = o.verdict ?? o.plausible ?? o.answer;
      if (typeof v === 'boolean') return { verdict: v ? 'plausible' : 'implausible', reason: String(o.reason ?? ''), raw };
      if (typeof v === 'string') head = v;
      if (typeof o.reason === 'string') return { verdict: readWord(head), reason: o.reason, raw };
    } catch {
      // not JSON after all: read it as text
    }
  }
  head = head.replace(/^\W*(verdict|answer)\s*[:-]\s*/i, '');
  const verdict = readWord(head) === 'unclear' ? readWord(text.slice(0, 200)) : readWord(head);
  const rest = text.split(/\r?\n/).slice(1).join(' ').trim();
  const reason = rest || head.replace(/^\W*(im)?plausible\W*/i, '').trim();
  return { verdict, reason, raw };
}

function readWord(s: string): Verdict {
  const neg = NEGATIVE.exec(s);
  const pos = POSITIVE.exec(s);
  if (neg && (!pos || neg.index <= pos.index)) return 'implausible';
  if (pos) return 'plausible';
  return 'unclear';
}

/** The review request for one persona (temperature 0, seeded by the persona id and attempt). */
export function reviewRequest(persona: Persona, attempt = 0): GenerateRequest {
  return {
    messages: [
      { role: 'system', content: REVIEW_SYSTEM },
      { role: 'user', content: REVIEW_PROMPT.replace('{persona}', renderPersona(persona)) },
    ],
    temperature: 0,
    max_tokens: 120,
    seed: derivedSeed(`review|${persona.id}|${attempt}`),
  };
}

/** Redraws the persona at `index` from attempt `attempt` on (the generator's next draw; in the app, a worker call). */
export type Redraw = (
  index: number,
  fromAttempt: number,
) => { persona: Persona; attempt: number } | Promise<{ persona: Persona; attempt: number }>;

/** One reviewed persona. */
export interface ReviewRecord {
  /** The persona's id. */
  readonly id: string;
  /** The verdict on each candidate, in order; the last is the one kept. */
  readonly verdicts: readonly ParsedVerdict[];
  /** True when every candidate was rejected and the last one was kept anyway. */
  readonly keptDespiteRejection: boolean;
}

/** What a review run found. */
export interface ReviewReport {
  /** Model and backend. */
  readonly model: string;
  /** Hash of the prompt. */
  readonly promptHash: string;
  /** Candidates reviewed (first drafts and redraws). */
  readonly reviewed: number;
  /** Candidates judged implausible. */
  readonly rejected: number;
  /** Candidates with no readable verdict (kept). */
  readonly unclear: number;
  /** rejected / reviewed (0 when nothing was reviewed); PERSONA reports about 0.085. */
  readonly rejectionRate: number;
  /** Share of first drafts rejected: comparable to the paper's "removed 8.5% of configurations". */
  readonly firstDraftRejectionRate: number;
  /** Outputs replayed from the cache. */
  readonly cached: number;
  /** Per persona. */
  readonly records: readonly ReviewRecord[];
}

/** Review options. */
export interface ReviewOptions {
  /** Replaces a rejected persona; without it rejections are only reported. */
  readonly redraw?: Redraw;
  /** The attempt each persona came from (default 0 for all). */
  readonly attempts?: readonly number[];
  /** Candidates per persona at most, the first included (default 4). */
  readonly maxCandidates?: number;
  /** Stored outputs (default: in memory). */
  readonly cache?: LlmOutputCache;
  /** Stops between calls. */
  readonly signal?: AbortSignal;
  /** Called after each persona with the number done. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Reviews a set; resolves to the kept personas (same order and ids) and the report. */
export async function reviewPersonas(
  personas: readonly Persona[],
  client: LlmClient,
  options: ReviewOptions = {},
): Promise<{ personas: Persona[]; report: ReviewReport }> {
  const cache = options.cache ?? new MemoryLlmCache();
  const max = Math.max(1, options.maxCandidates ?? 4);
  const kept: Persona[] = [];
  const records: ReviewRecord[] = [];
  let reviewed = 0;
  let rejected = 0;
  let unclear = 0;
  let cached = 0;
  let firstRejected = 0;
  for (const [index, original] of personas.entries()) {
    let persona = original;
    let attempt = options.attempts?.[index] ?? 0;
    const verdicts: ParsedVerdict[] = [];
    for (let k = 0; k < max; k++) {
      options.signal?.throwIfAborted();
      const request = reviewRequest(persona, attempt);
      const out = await cachedGenerate(
        client,
        cache,
        llmCacheKey(persona.id, `review#${attempt}`, request, client),
        request,
        options.signal,
      );
      if (out.cached) cached++;
      const v = parseVerdict(out.text);
      verdicts.push(v);
      reviewed++;
      if (v.verdict === 'unclear') unclear++;
      if (v.verdict !== 'implausible') break;
      rejected++;
      if (k === 0) firstRejected++;
      if (!options.redraw || k === max - 1) break;
      const next = await options.redraw(index, attempt + 1);
      persona = { ...next.persona, split: original.split };
      attempt = next.attempt;
    }
    kept.push(persona);
    records.push({ id: persona.id, verdicts, keptDespiteRejection: verdicts[verdicts.length - 1]?.verdict === 'implausible' });
    options.onProgress?.(index + 1, personas.length);
  }
  return {
    personas: kept,
    report: {
      model: `${client.backend}:${client.model}`,
      promptHash: REVIEW_PROMPT_HASH,
      reviewed,
      rejected,
      unclear,
      rejectionRate: reviewed ? rejected / reviewed : 0,
      firstDraftRejectionRate: personas.length ? firstRejected / personas.length : 0,
      cached,
      records,
    },
  };
}
