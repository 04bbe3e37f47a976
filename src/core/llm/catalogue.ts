/**
 * The model catalogue: web-llm's prebuilt model records, reduced to the chat models, with what a
 * person needs to choose one (download size, GPU memory, whether it needs shader-f16) and whether
 * this device can run it.
 */
import { effectiveStorageBinding, gpuLimitProblems, type GpuCapabilities } from './capability';

/** The fields of a web-llm `ModelRecord` the catalogue reads (structural, so core needs no web-llm import). */
export interface PrebuiltRecord {
  readonly model: string;
  readonly model_id: string;
  readonly model_lib: string;
  readonly vram_required_MB?: number;
  readonly low_resource_required?: boolean;
  readonly buffer_size_required_bytes?: number;
  readonly required_features?: readonly string[];
  /** 0 chat, 1 embedding, 2 vision (web-llm's `ModelType`). */
  readonly model_type?: number;
  readonly overrides?: { readonly context_window_size?: number };
}

/** A record reduced to the fields above, as plain data (web-llm's records carry more than can or need cross a worker). */
export function plainRecord(r: PrebuiltRecord): PrebuiltRecord {
  return {
    model: r.model,
    model_id: r.model_id,
    model_lib: r.model_lib,
    ...(r.vram_required_MB !== undefined ? { vram_required_MB: r.vram_required_MB } : {}),
    ...(r.low_resource_required !== undefined ? { low_resource_required: r.low_resource_required } : {}),
    ...(r.buffer_size_required_bytes !== undefined ? { buffer_size_required_bytes: r.buffer_size_required_bytes } : {}),
    ...(r.required_features ? { required_features: [...r.required_features] } : {}),
    ...(r.model_type !== undefined ? { model_type: r.model_type } : {}),
    ...(r.overrides?.context_window_size !== undefined ? { overrides: { context_window_size: r.overrides.context_window_size } } : {}),
  };
}

/** One model a person can pick. */
export interface CatalogueModel {
  /** web-llm's model id, e.g. "Llama-3.2-1B-Instruct-q4f32_1-MLC". */
  readonly id: string;
  /** The id without quantisation and suffixes, e.g. "Llama-3.2-1B-Instruct". */
  readonly family: string;
  /** Quantisation code, e.g. "q4f16_1"; "" when the id names none. */
  readonly quantization: string;
  /** Parameters in billions; undefined when neither the id nor the table below says. */
  readonly paramsB?: number;
  /**
   * Whether it needs `shader-f16`: every f16 quantisation (q4f16, q0f16, q3f16) does, whether or
   * not its record lists the feature (several prebuilt q4f16 records do not).
   */
  readonly needsF16: boolean;
  /** GPU memory web-llm says it needs, in MB. */
  readonly vramMB: number;
  /** Download size in MB, estimated from parameters and quantisation (the exact size shows while fetching). */
  readonly downloadMB?: number;
  /** web-llm marks it as fitting low-resource devices (phones, integrated GPUs). */
  readonly lowResource: boolean;
  /** Context window in tokens. */
  readonly contextWindow?: number;
  /** Storage-buffer binding size it needs, in bytes, when its record says. */
  readonly bufferBytes?: number;
  /** Where its weights come from. */
  readonly modelUrl: string;
}

/**
 * Parameter counts in billions, as the model cards on huggingface.co state them (the number in a
 * model's id is rounded: "1B" is 1.23 billion, "0.5B" is 0.49). The first matching entry wins; a
 * model none matches falls back to the number in its id. Sources, by family:
 * Llama 3.2 (meta-llama/Llama-3.2-1B-Instruct: 1.23B, 3.21B), Llama 3 and 3.1 (meta-llama/Llama-3.1-8B-Instruct: 8.03B; 70B: 70.6B),
 * Llama 2 (meta-llama/Llama-2-7b-chat-hf: 6.74B, 13.0B), Qwen2 and Qwen2.5 (Qwen/Qwen2.5-0.5B-Instruct "Number of Parameters":
 * 0.49B, 1.54B, 3.09B, 7.61B; Qwen2-7B: 7.62B), Qwen3 (Qwen/Qwen3-0.6B: 0.6B, 1.7B, 4.0B, 8.2B), DeepSeek-R1-Distill (the base
 * models': Qwen2.5-Math-7B 7.62B, Llama-3.1-8B 8.03B), SmolLM2 (HuggingFaceTB/SmolLM2-135M-Instruct: 135M, 362M, 1.71B), Gemma
 * (google/gemma-2-2b-it: 2.61B, 9.24B; gemma-2b-it: 2.51B; gemma-3-1b-it: 1.0B; gemma-4-E2B: 5.1B with embeddings), Phi
 * (microsoft/Phi-3.5-mini-instruct: 3.82B; Phi-4-mini: 3.84B; phi-2: 2.78B; phi-1_5: 1.42B), Mistral 7B and its fine-tunes
 * (mistralai/Mistral-7B-Instruct-v0.3: 7.25B), TinyLlama-1.1B (1.1B), StableLM 2 Zephyr 1.6B (1.64B), RedPajama-INCITE-Chat-3B
 * (2.78B), OLMo 2 (allenai/OLMo-2-1124-7B-Instruct: 7.30B; OLMo-2-0425-1B: 1.48B).
 */
const KNOWN_PARAMS: ReadonlyArray<[RegExp, number]> = [
  [/Llama-3\.2-1B/i, 1.23],
  [/Llama-3\.2-3B/i, 3.21],
  [/Llama-3(\.1)?-8B|Llama-3-8B|Hermes-2-(Pro|Theta)-Llama-3-8B|Hermes-3-Llama-3\.1-8B/i, 8.03],
  [/Llama-3(\.1)?-70B/i, 70.6],
  [/Llama-2-7b/i, 6.74],
  [/Llama-2-13b/i, 13.0],
  [/DeepSeek-R1-Distill-Qwen-7B/i, 7.62],
  [/DeepSeek-R1-Distill-Llama-8B/i, 8.03],
  [/Qwen2(\.5)?(-Coder|-Math)?-0\.5B/i, 0.49],
  [/Qwen2(\.5)?(-Coder|-Math)?-1\.5B/i, 1.54],
  [/Qwen2\.5(-Coder)?-3B/i, 3.09],
  [/Qwen2\.5(-Coder)?-7B/i, 7.61],
  [/Qwen2(-Math)?-7B/i, 7.62],
  [/Qwen3-0\.6B/i, 0.6],
  [/Qwen3-1\.7B/i, 1.7],
  [/Qwen3-4B/i, 4.0],
  [/Qwen3-8B/i, 8.2],
  [/SmolLM2-360M/i, 0.362],
  [/SmolLM2-1\.7B/i, 1.71],
  [/gemma-2-2b/i, 2.61],
  [/gemma-2-9b/i, 9.24],
  [/gemma-2b/i, 2.51],
  [/gemma3-1b/i, 1.0],
  [/^gemma-4-E2B/i, 5.1],
  [/^Phi-4-mini/i, 3.84],
  [/^Phi-3(\.5)?-mini/i, 3.82],
  [/^phi-2/i, 2.78],
  [/^phi-1_5/i, 1.42],
  [/Mistral-7B|WizardMath-7B/i, 7.25],
  [/stablelm-2-zephyr-1_6b/i, 1.64],
  [/RedPajama-INCITE-Chat-3B/i, 2.78],
  [/OLMo-2-1124-7B/i, 7.3],
  [/OLMo-2-0425-1B/i, 1.48],
];

/** Bytes per parameter of each weight format (4-bit groups of 32 with an f16 or f32 scale, or unquantised). */
function bytesPerParam(quant: string): number | undefined {
  if (quant.startsWith('q4f16')) return 4.5 / 8;
  if (quant.startsWith('q4f32')) return 5 / 8;
  if (quant.startsWith('q3f16')) return 3.5 / 8;
  if (quant.startsWith('q0f16')) return 2;
  if (quant.startsWith('q0f32')) return 4;
  return undefined;
}

/** Parameter count in billions from a model id, or undefined. */
export function paramsFromId(id: string): number | undefined {
  for (const [re, b] of KNOWN_PARAMS) if (re.test(id)) return b;
  const matches = [...id.replace(/-q\d+f\d+.*$/, '').matchAll(/(?:^|[-_])(\d+(?:[._]\d+)?)([BbMm])(?=$|[-_])/g)];
  const last = matches.at(-1);
  if (!last) return undefined;
  const n = Number(last[1]!.replace('_', '.'));
  return last[2]!.toLowerCase() === 'm' ? n / 1000 : n;
}

/** The catalogue entry for a record, or undefined for embedding and vision models. */
function toCatalogueModel(r: PrebuiltRecord): CatalogueModel | undefined {
  if (r.model_type !== undefined && r.model_type !== 0) return undefined;
  const quant = /-(q\d+f\d+(?:_\d+)?)-MLC/.exec(r.model_id)?.[1] ?? '';
  const paramsB = paramsFromId(r.model_id);
  const bpp = bytesPerParam(quant);
  const downloadMB = paramsB !== undefined && bpp !== undefined ? Math.round((paramsB * 1e9 * bpp) / 2 ** 20) : undefined;
  const needsF16 = /f16/.test(quant) || (r.required_features ?? []).includes('shader-f16');
  return {
    id: r.model_id,
    family: r.model_id.replace(/-q\d+f\d+(?:_\d+)?-MLC.*$/, ''),
    quantization: quant,
    needsF16,
    vramMB: r.vram_required_MB ?? 0,
    lowResource: r.low_resource_required ?? false,
    modelUrl: r.model,
    ...(paramsB !== undefined ? { paramsB } : {}),
    ...(downloadMB !== undefined ? { downloadMB } : {}),
    ...(r.overrides?.context_window_size !== undefined ? { contextWindow: r.overrides.context_window_size } : {}),
    ...(r.buffer_size_required_bytes !== undefined ? { bufferBytes: r.buffer_size_required_bytes } : {}),
  };
}

/** The chat models of a prebuilt list, smallest GPU need first. */
export function buildCatalogue(records: readonly PrebuiltRecord[]): CatalogueModel[] {
  return records.flatMap((r) => toCatalogueModel(r) ?? []).sort((a, b) => a.vramMB - b.vramMB || a.id.localeCompare(b.id));
}

/** Whether this device can run a model: "ok", "warn" (it may, with the reasons), or "no". */
type Fit = 'ok' | 'warn' | 'no';

/** The verdict on one model for this device. */
export interface Assessment {
  /** The verdict. */
  readonly fit: Fit;
  /** Why, in short sentences; empty when fit is "ok". */
  readonly reasons: readonly string[];
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const gb = (megabytes: number) => `${(megabytes / 1024).toFixed(1)} GB`;

/** The largest GPU memory consumer GPUs offer (24 GB), for devices that give no better hint. */
const LARGEST_CONSUMER_GPU_MB = 24 * 1024;

/**
 * The most GPU memory this device is likely to give a model, in MB, and what the guess rests on.
 * WebGPU does not report GPU memory (Chrome only behind a developer flag: `memoryMB`); otherwise a
 * device reporting less than 8 GB of memory (`navigator.deviceMemory`, which browsers cap at 8) shares
 * it with its GPU and gives it at most about three quarters; with no hint, the largest consumer GPUs.
 */
export function gpuMemoryBound(caps: GpuCapabilities): { readonly mb: number; readonly basis: string } {
  const reported = caps.adapter?.memoryMB;
  if (reported !== undefined) return { mb: reported, basis: `this GPU reports ${gb(reported)}` };
  const ram = caps.deviceMemoryGB;
  if (ram !== undefined && ram < 8) return { mb: ram * 1024 * 0.75, basis: `this device reports ${ram} GB of memory, shared with its GPU` };
  return { mb: LARGEST_CONSUMER_GPU_MB, basis: 'even the largest consumer GPUs have 24 GB' };
}

/** Whether this device can run a model, and why not. */
export function assessModel(m: CatalogueModel, caps: GpuCapabilities): Assessment {
  const no: string[] = [];
  const warn: string[] = [];
  const a = caps.adapter;
  if (!a) no.push('No WebGPU adapter.');
  else {
    no.push(...gpuLimitProblems(a));
    if (m.needsF16 && !a.shaderF16) no.push('Needs shader-f16, which this GPU does not offer: pick the q4f32 version.');
    const binding = effectiveStorageBinding(a.maxStorageBufferBindingSize);
    if (m.bufferBytes !== undefined && binding !== undefined && binding < m.bufferBytes) {
      const why =
        binding < a.maxStorageBufferBindingSize
          ? ` (the adapter allows ${mb(a.maxStorageBufferBindingSize)}, but web-llm asks for 1 GB or 128 MB)`
          : '';
      no.push(`Needs storage buffers of ${mb(m.bufferBytes)}; this GPU gives web-llm ${mb(binding)}${why}.`);
    }
    if (a.isFallback) warn.push('Software adapter, not a GPU: it may load, but generation will be very slow.');
  }
  const bound = gpuMemoryBound(caps);
  if (m.vramMB > bound.mb) warn.push(`Needs about ${gb(m.vramMB)} of GPU memory; ${bound.basis}, so it will probably not fit.`);
  if (no.length) return { fit: 'no', reasons: [...no, ...warn] };
  return { fit: warn.length ? 'warn' : 'ok', reasons: warn };
}

/**
 * Whether a model thinks aloud (a `<think>` section) unless told not to: Qwen3 and Qwen3.5, which
 * honour `enable_thinking: false`, and the DeepSeek-R1 distills, whose replies it starts with an
 * empty think block. Other models get no thinking switch (web-llm would put a think block in their prompt).
 */
export function thinksByDefault(modelId: string): boolean {
  return /^(Qwen3|DeepSeek-R1)/i.test(modelId);
}

/** Good small role-play models, most preferred first. */
const PREFERRED_DEFAULTS: readonly string[] = [
  'Llama-3.2-1B-Instruct-q4f16_1-MLC',
  'Llama-3.2-1B-Instruct-q4f32_1-MLC',
  'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
  'Qwen2.5-1.5B-Instruct-q4f32_1-MLC',
  'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
  'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
];

/**
 * The default model: the first preferred one this device can run ("ok", else "warn"), else the
 * smallest runnable low-resource model; undefined when nothing can run (no adapter).
 */
export function defaultModel(catalogue: readonly CatalogueModel[], caps: GpuCapabilities): CatalogueModel | undefined {
  for (const level of ['ok', 'warn'] as const) {
    const runnable = catalogue.filter((m) => assessModel(m, caps).fit === level);
    for (const id of PREFERRED_DEFAULTS) {
      const hit = runnable.find((m) => m.id === id);
      if (hit) return hit;
    }
    const small = runnable.filter((m) => m.lowResource).sort((a, b) => a.vramMB - b.vramMB)[0];
    if (small) return small;
  }
  return undefined;
}
