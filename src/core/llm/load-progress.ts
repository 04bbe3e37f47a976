/**
 * The phases of loading a web-llm model and the progress shown for them. web-llm reports progress
 * only as English sentences ("Fetching param cache[3/24]: 120MB fetched. 12% completed, 5 secs
 * elapsed. …") and says nothing before the parameters; the worker adds the phases before that from
 * the URLs it sees requested. `LoadTracker` turns both into one record with an overall estimate.
 */

/** Where a load is. */
export type LoadPhase =
  | 'checking-gpu'
  | 'fetching-config'
  | 'fetching-library'
  | 'fetching-tokenizer'
  | 'fetching-params'
  | 'loading-from-cache'
  | 'compiling-shaders'
  | 'ready';

/** A person's name for each phase. */
export const PHASE_LABELS: Readonly<Record<LoadPhase, string>> = {
  'checking-gpu': 'Checking the GPU',
  'fetching-config': 'Fetching the model configuration',
  'fetching-library': 'Fetching the model library',
  'fetching-tokenizer': 'Fetching the tokenizer',
  'fetching-params': 'Fetching parameters',
  'loading-from-cache': 'Loading parameters from the cache',
  'compiling-shaders': 'Compiling GPU shaders',
  ready: 'Ready',
};

/** One progress update; plain data, so it crosses the worker boundary. */
export interface LoadProgress {
  /** The current phase. */
  readonly phase: LoadPhase;
  /** One line for people, e.g. "Fetching parameters 3/24 · 120 MB of 980 MB · 12 %". */
  readonly label: string;
  /** Step within the phase (1-based); undefined when the phase has no steps. */
  readonly step?: number;
  /** Steps in the phase. */
  readonly steps?: number;
  /** Megabytes done in this phase. */
  readonly mb?: number;
  /** Total megabytes of the phase, inferred from MB and percent; undefined until known. */
  readonly totalMb?: number;
  /** Percent of this phase done, 0–100. */
  readonly percent?: number;
  /** The whole load's estimated fraction done, 0–1, never decreasing. */
  readonly overall: number;
  /** Seconds since the load started. */
  readonly elapsedS: number;
  /** Estimated seconds left; undefined until there is enough to estimate from. */
  readonly etaS?: number;
  /** The host the current request goes to, when a URL is being fetched. */
  readonly host?: string;
}

/** A report as web-llm's `InitProgressCallback` receives it. */
export interface WebLlmReport {
  readonly progress: number;
  readonly timeElapsed: number;
  readonly text: string;
}

/** The phase a requested URL belongs to; undefined for URLs that mark no phase. */
export function phaseOfUrl(url: string): LoadPhase | undefined {
  const path = url.split(/[?#]/)[0] ?? url;
  if (/mlc-chat-config\.json$|manifest[^/]*\.json$/.test(path) && !/tensor-cache|ndarray-cache/.test(path)) return 'fetching-config';
  if (/\.wasm$/.test(path)) return 'fetching-library';
  if (/(tokenizer[^/]*|vocab[^/]*|merges\.txt)$/.test(path)) return 'fetching-tokenizer';
  if (/(tensor-cache|ndarray-cache)\.json$|params_shard_\d+\.bin$/.test(path)) return 'fetching-params';
  return undefined;
}

/** What a web-llm progress sentence says; undefined for a sentence it does not recognise. */
export function parseReport(text: string): { phase: LoadPhase; step?: number; steps?: number; mb?: number; percent?: number } | undefined {
  const steps = /\[(\d+)\/(\d+)\]/.exec(text);
  const mb = /(\d+(?:\.\d+)?)\s*MB/.exec(text);
  const pct = /(\d+(?:\.\d+)?)%/.exec(text);
  const common = {
    ...(steps ? { step: Number(steps[1]), steps: Number(steps[2]) } : {}),
    ...(mb ? { mb: Number(mb[1]) } : {}),
    ...(pct ? { percent: Number(pct[1]) } : {}),
  };
  if (/^Fetching param cache/i.test(text)) return { phase: 'fetching-params', ...common };
  if (/^Start to fetch params/i.test(text)) return { phase: 'fetching-params', percent: 0 };
  if (/^Loading model from cache/i.test(text)) return { phase: 'loading-from-cache', ...common };
  if (/^Loading GPU shader modules/i.test(text)) return { phase: 'compiling-shaders', ...common };
  if (/^Finish loading/i.test(text)) return { phase: 'ready', percent: 100 };
  return undefined;
}

/** The share of the whole load at which each phase starts and ends, for a download and for a cached model. */
const SPANS: Record<'download' | 'cached', Record<LoadPhase, [number, number]>> = {
  download: {
    'checking-gpu': [0, 0.005],
    'fetching-config': [0.005, 0.01],
    'fetching-library': [0.01, 0.03],
    'fetching-tokenizer': [0.03, 0.04],
    'fetching-params': [0.04, 0.82],
    'loading-from-cache': [0.82, 0.92],
    'compiling-shaders': [0.92, 1],
    ready: [1, 1],
  },
  cached: {
    'checking-gpu': [0, 0.01],
    'fetching-config': [0.01, 0.02],
    'fetching-library': [0.02, 0.04],
    'fetching-tokenizer': [0.04, 0.05],
    'fetching-params': [0.05, 0.06],
    'loading-from-cache': [0.06, 0.75],
    'compiling-shaders': [0.75, 1],
    ready: [1, 1],
  },
};

const fmtMb = (mb: number) => (mb >= 1024 ? `${(mb / 1024).toFixed(2)} GB` : `${Math.round(mb)} MB`);

/** Follows one load and produces `LoadProgress` records. `now` returns milliseconds (injectable for tests). */
export class LoadTracker {
  #start: number;
  #overall = 0;
  #downloading = false;
  #phase: LoadPhase = 'checking-gpu';
  #host: string | undefined;
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
    this.#start = now();
  }

  /** The phase reached so far. */
  get phase(): LoadPhase {
    return this.#phase;
  }

  /** Progress for entering a phase that has no numbers of its own (GPU check, a URL being fetched). */
  enter(phase: LoadPhase, host?: string): LoadProgress {
    this.#host = host;
    return this.#emit({ phase });
  }

  /** Progress for a URL requested by the engine, or undefined when the URL marks no new phase. */
  url(url: string): LoadProgress | undefined {
    const phase = phaseOfUrl(url);
    if (!phase || phase === 'fetching-params') return undefined;
    let host: string | undefined;
    try {
      host = new URL(url).host;
    } catch {
      host = undefined;
    }
    return this.enter(phase, host);
  }

  /**
   * Progress for a web-llm report; unrecognised sentences keep the phase and show the text. The
   * phase's share done is web-llm's own `progress` fraction (bytes over total bytes, or modules over
   * modules), not the sentence's rounded numbers: "1MB fetched. 0% completed" says nothing of the total.
   */
  report(r: WebLlmReport): LoadProgress {
    const sentence = parseReport(r.text);
    if (!sentence) return this.#emit({ phase: this.#phase }, r.text);
    const fraction = Number.isFinite(r.progress) && r.progress >= 0 && r.progress <= 1 ? r.progress : undefined;
    const parsed = fraction !== undefined && sentence.phase !== 'ready' ? { ...sentence, percent: fraction * 100 } : sentence;
    if (parsed.phase === 'fetching-params' && parsed.step !== undefined) this.#downloading = true;
    if (parsed.phase !== 'fetching-params') this.#host = undefined;
    return this.#emit(parsed);
  }

  #emit(p: { phase: LoadPhase; step?: number; steps?: number; mb?: number; percent?: number }, text?: string): LoadProgress {
    this.#phase = p.phase;
    const [from, to] = SPANS[this.#downloading ? 'download' : 'cached'][p.phase];
    const within = p.percent !== undefined ? Math.min(1, Math.max(0, p.percent / 100)) : 0;
    this.#overall = Math.max(this.#overall, from + (to - from) * within);
    const elapsedS = (this.#now() - this.#start) / 1000;
    const totalMb = p.mb !== undefined && p.percent ? Math.round((p.mb * 100) / p.percent) : undefined;
    const etaS = this.#overall >= 0.05 && this.#overall < 1 && elapsedS > 1 ? (elapsedS / this.#overall) * (1 - this.#overall) : undefined;
    const parts = [PHASE_LABELS[p.phase]];
    if (p.step !== undefined && p.steps !== undefined) parts[0] += ` ${p.step}/${p.steps}`;
    if (p.mb !== undefined) parts.push(totalMb ? `${fmtMb(p.mb)} of ${fmtMb(totalMb)}` : fmtMb(p.mb));
    if (p.percent !== undefined && p.phase !== 'ready') parts.push(`${Math.floor(p.percent)} %`);
    if (this.#host && p.phase.startsWith('fetching')) parts.push(`from ${this.#host}`);
    const label = text && p.phase === this.#phase && !parseReport(text) ? `${parts.join(' · ')} (${text})` : parts.join(' · ');
    return {
      phase: p.phase,
      label,
      overall: this.#overall,
      elapsedS,
      ...(p.step !== undefined ? { step: p.step } : {}),
      ...(p.steps !== undefined ? { steps: p.steps } : {}),
      ...(p.mb !== undefined ? { mb: p.mb } : {}),
      ...(totalMb !== undefined ? { totalMb } : {}),
      ...(p.percent !== undefined ? { percent: p.percent } : {}),
      ...(etaS !== undefined ? { etaS } : {}),
      ...(this.#host ? { host: this.#host } : {}),
    };
  }
}
