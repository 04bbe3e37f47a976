/**
 * The optional LLM review of PERSONA §3.1: a model reads each persona and says whether one real
 * person could have all of its attributes; an implausible persona is replaced by the next draw
 * for the same index (when the set can be redrawn) and reviewed again. The paper's GPT-4 pass
 * removed about 8.5% of configurations; the report gives this run's rejection rate. Calls go through
 * the one call path (`generateParsed`: template, output cleaner, retries, the one call cache); the
 * verdict is read with the judge's care (`parseReviewVerdict`), an unreadable one is asked again and
 * then kept as "unclear", and the raw output is kept. A call that fails after the call path's
 * transport retries is handled as a run handles it (`stopReason`): a server that is gone, refuses
 * the key or fails call after call stops the review; any other failure leaves that persona as it
 * was, listed in `failed`, and the review goes on (a retry asks only those again: the rest are cached).
 */
import type { LlmClient, SamplingOptions } from '../llm/types';
import { StageError, generateParsed, seedFrom } from '../pipeline/call';
import type { CallStore } from '../pipeline/cache';
import { stopReason } from '../pipeline/run-end';
import { callContext } from '../pipeline/context';
import { cleanOutput, jsonObjects, stripMarkdown } from '../pipeline/output-text';
import type { Parsed } from '../pipeline/parsers';
import { templateVersion, type PromptTemplate } from '../pipeline/templates';
import { renderPersona } from './render';
import type { Persona } from './schema';

/** The review prompt; `{persona}` is the persona as `renderPersona` writes it. */
const REVIEW_TEMPLATE: PromptTemplate = {
  id: 'persona-review',
  source: 'Persona Lab, after PERSONA §3.1 (the GPT-4 consistency pass)',
  system: 'You check synthetic survey personas for internal consistency. You answer briefly.',
  user: `Here is a synthetic profile of one person living in the United States.

{persona}

Could one real person plausibly have all of these attributes at the same time? Judge only internal consistency (age against schooling, work, income, family, health and so on), not how common the person is.
Answer on the first line with exactly one word, PLAUSIBLE or IMPLAUSIBLE, then give the reason in one sentence.`,
  placeholders: ['persona'],
};

/** The review template's version, recorded in every report. */
const REVIEW_PROMPT_HASH = templateVersion(REVIEW_TEMPLATE);

/** The review's sampling: greedy, room for the verdict and a sentence. */
const REVIEW_SAMPLING: SamplingOptions = { temperature: 0, max_tokens: 160 };

/** What a model said of a persona; "unclear" when no verdict could be read (the persona is kept). */
type ReviewVerdict = 'plausible' | 'implausible' | 'unclear';

/** A readable review verdict. */
export interface ReviewReading {
  /** Plausible or implausible. */
  readonly verdict: Exclude<ReviewVerdict, 'unclear'>;
  /** The reason, as far as it could be separated from the verdict. */
  readonly reason: string;
}

/** A verdict with the model's raw output, as reports keep it. */
interface ParsedReviewVerdict {
  /** What the model said. */
  readonly verdict: ReviewVerdict;
  /** The reason (for "unclear", why nothing could be read). */
  readonly reason: string;
  /** The model's whole output (the last attempt's). */
  readonly raw: string;
}

const POSITIVE = new Set(['plausible', 'realistic', 'consistent', 'possible', 'valid', 'yes', 'true']);

/** The verdict a text starts with ("IMPLAUSIBLE", "not plausible", "Yes," …); undefined when it starts with none. */
function wordVerdict(s: string): ReviewReading['verdict'] | undefined {
  const t = s
    .trim()
    .toLowerCase()
    .replace(/^["'`*_([]+/, '');
  const m =
    /^(not\s+)?(implausible|plausible|unrealistic|realistic|inconsistent|consistent|impossible|possible|invalid|valid)\b(?!\s*\?)/.exec(
      t,
    ) ?? /^()(yes|no|true|false)(?=\s*[,.!:;\u2014-]|\s*$)/.exec(t);
  if (!m) return undefined;
  return POSITIVE.has(m[2] as string) !== Boolean(m[1]) ? 'plausible' : 'implausible';
}

const LABEL = /^\W*(?:final\s+)?(?:verdict|answer|assessment|judg(?:e)?ment|conclusion)\s*[:\-–]\s*/i;
const ASSERTION =
  /\b(?:is|seems|looks|appears|are|be|sounds)\s+(?<neg>not\s+|n['’]t\s+)?(?:(?:entirely|quite|very|highly|perfectly|fully|internally|completely|overall|somewhat|fairly)\s+)*(?<word>implausible|plausible|unrealistic|realistic|inconsistent|consistent|impossible|possible)\b/gi;

/**
 * Reads a review verdict with the judge's care: JSON anywhere ({"verdict": "PLAUSIBLE"} or
 * {"plausible": true}); else a first line that starts with the verdict (PLAUSIBLE, IMPLAUSIBLE, "not
 * plausible", Yes, No; a "Verdict:" label allowed); else the last labelled verdict line; else the
 * last assertion in the prose ("this profile is not realistic"), negations read as such. Unreadable
 * when nothing decides, never a guess.
 */
export function parseReviewVerdict(raw: string): Parsed<ReviewReading> {
  const text = stripMarkdown(cleanOutput(raw)).trim();
  if (!text) return { ok: false, error: 'empty output' };
  const json = jsonObjects(text)
    .map((o) => o.value)
    .filter((o) => ['verdict', 'plausible', 'answer', 'plausibility'].some((k) => k in o))
    .at(-1);
  if (json) {
    const v = json.verdict ?? json.plausible ?? json.answer ?? json.plausibility;
    const verdict = typeof v === 'boolean' ? (v ? 'plausible' : 'implausible') : typeof v === 'string' ? wordVerdict(v) : undefined;
    if (!verdict) return { ok: false, error: `the JSON verdict is neither plausible nor implausible (${JSON.stringify(v)})` };
    return { ok: true, value: { verdict, reason: typeof json.reason === 'string' ? json.reason : '' } };
  }
  const lines = text.split('\n').map((l) => l.trim());
  const head = (lines.find((l) => l) ?? '').replace(LABEL, '');
  const first = wordVerdict(head);
  if (first) {
    const rest = lines
      .slice(lines.indexOf(lines.find((l) => l) ?? '') + 1)
      .join(' ')
      .trim();
    const inline = head.replace(/^\W*(?:not\s+)?\w+\W*/, '').trim();
    return { ok: true, value: { verdict: first, reason: rest || inline } };
  }
  const labelled = lines
    .filter((l) => LABEL.test(l))
    .map((l) => wordVerdict(l.replace(LABEL, '')))
    .filter((v) => v !== undefined)
    .at(-1);
  const asserted = [...text.matchAll(ASSERTION)].at(-1);
  const fromProse = asserted?.groups
    ? (() => {
        const positive = !/^(?:im|un|in)/i.test(asserted.groups.word ?? '');
        return positive === !asserted.groups.neg ? 'plausible' : 'implausible';
      })()
    : undefined;
  const verdict = labelled ?? fromProse;
  if (!verdict) return { ok: false, error: 'no PLAUSIBLE or IMPLAUSIBLE verdict' };
  return { ok: true, value: { verdict, reason: text.length > 300 ? `${text.slice(0, 300)}…` : text } };
}

/** Reviews one candidate: the verdict, or "unclear" with the last raw output when none could be read or the answer stayed cut off. */
async function reviewOne(
  persona: Persona,
  attempt: number,
  client: LlmClient,
  o: ReviewOptions,
): Promise<{ verdict: ParsedReviewVerdict; cached: number }> {
  const ctx = callContext(
    {
      transportRetries: o.transportRetries,
      onTransportRetry: o.onTransportRetry,
      llm: client,
      seed: seedFrom(`review|${persona.id}|${attempt}`),
      signal: o.signal ?? new AbortController().signal,
      sampling: o.sampling ?? REVIEW_SAMPLING,
      maxAttempts: o.maxAttempts ?? 2,
      ...(o.retryDelayMs ? { retryDelayMs: o.retryDelayMs } : {}),
    },
    o.cache,
  );
  try {
    const r = await generateParsed(ctx, {
      template: REVIEW_TEMPLATE,
      values: { persona: renderPersona(persona) },
      parse: parseReviewVerdict,
    });
    const raw = r.attempts.at(-1)?.text ?? '';
    return { verdict: { ...r.value, raw }, cached: r.attempts.filter((a) => a.cached).length };
  } catch (e) {
    if (o.signal?.aborted) throw o.signal.reason;
    if (!(e instanceof StageError && (e.kind === 'unparseable' || e.kind === 'truncated'))) throw e;
    const raw = e.attempts.at(-1)?.text ?? '';
    return { verdict: { verdict: 'unclear', reason: e.message, raw }, cached: e.attempts.filter((a) => a.cached).length };
  }
}

/** Redraws the persona at `index` from attempt `attempt` on (the generator's next draw; in the app, a worker call). */
type Redraw = (
  index: number,
  fromAttempt: number,
) => { persona: Persona; attempt: number } | Promise<{ persona: Persona; attempt: number }>;

/** One reviewed persona. */
interface ReviewRecord {
  /** The persona's id. */
  readonly id: string;
  /** The verdict on each candidate, in order; the last is the one kept. */
  readonly verdicts: readonly ParsedReviewVerdict[];
  /** True when every candidate was rejected and the last one was kept anyway. */
  readonly keptDespiteRejection: boolean;
}

/** What a review run found. */
export interface ReviewReport {
  /** Model and backend. */
  readonly model: string;
  /** The review template's version ("persona-review@<hash>"). */
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
  /** Answers replayed from the call cache. */
  readonly cached: number;
  /** Per persona. */
  readonly records: readonly ReviewRecord[];
  /** Personas whose review call failed (kept as they were); absent in reports from before failures were listed. */
  readonly failed?: readonly ReviewFailure[];
}

/** A persona whose review call failed after its retries. */
interface ReviewFailure {
  /** Its position in the set. */
  readonly index: number;
  /** The persona's id. */
  readonly id: string;
  /** What went wrong (the backend's message). */
  readonly error: string;
}

/** Review options. */
export interface ReviewOptions {
  /** Replaces a rejected persona; without it rejections are only reported. */
  readonly redraw?: Redraw;
  /** The attempt each persona came from (default 0 for all). */
  readonly attempts?: readonly number[];
  /** Candidates per persona at most, the first included (default 4). */
  readonly maxCandidates?: number;
  /** The call cache (the app's one call cache; default none). */
  readonly cache?: CallStore;
  /** Sampling (default `REVIEW_SAMPLING`: greedy, 160 tokens). */
  readonly sampling?: SamplingOptions;
  /** Tries per candidate when the verdict cannot be read (default 2); still unreadable, the candidate is "unclear" and kept. */
  readonly maxAttempts?: number;
  /** Stops between calls and the call in flight. */
  readonly signal?: AbortSignal;
  /** Delay before transport retry n of a call (default the call path's backoff). */
  readonly retryDelayMs?: (n: number) => number;
  /** Called after each persona with the number done. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Extra tries of a call after a transient transport failure (default the call path's, 4). */
  readonly transportRetries?: number;
  /** Told before every transport retry (the CLI says it on stderr). */
  readonly onTransportRetry?: (error: import('../llm/errors').LlmError, waitMs: number, retry: number) => void;
}

/** Reviews a set; resolves to the kept personas (same order and ids) and the report. */
export async function reviewPersonas(
  personas: readonly Persona[],
  client: LlmClient,
  options: ReviewOptions = {},
): Promise<{ personas: Persona[]; report: ReviewReport }> {
  const max = Math.max(1, options.maxCandidates ?? 4);
  const kept: Persona[] = [];
  const records: ReviewRecord[] = [];
  let reviewed = 0;
  let rejected = 0;
  let unclear = 0;
  let cached = 0;
  let firstRejected = 0;
  const failed: ReviewFailure[] = [];
  let inARow = 0;
  for (const [index, original] of personas.entries()) {
    let persona = original;
    let attempt = options.attempts?.[index] ?? 0;
    const verdicts: ParsedReviewVerdict[] = [];
    for (let k = 0; k < max; k++) {
      options.signal?.throwIfAborted();
      let out: Awaited<ReturnType<typeof reviewOne>>;
      try {
        out = await reviewOne(persona, attempt, client, options);
        inARow = 0;
      } catch (e) {
        if (!(e instanceof StageError) || e.kind === 'aborted' || !e.llmError) throw e;
        if (stopReason(e.llmError, ++inARow)) throw e.llmError;
        failed.push({ index, id: original.id, error: e.llmError.message });
        persona = original;
        break;
      }
      cached += out.cached;
      const v = out.verdict;
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
      failed,
    },
  };
}
