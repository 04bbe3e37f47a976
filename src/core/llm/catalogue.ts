/**
 * The model catalogue: web-llm's prebuilt model records, reduced to the chat models, with what a
 * person needs to choose one (download size, GPU memory, whether it needs shader-f16) and whether
 * this device can run it.
 */
import type { GpuCapabilities } from './capability';

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

/** Parameter counts of model families whose ids do not say it, in billions. */
const KNOWN_PARAMS: ReadonlyArray<[RegExp, number]> = [
  [/^Phi-3(\.5)?-mini|^Phi-4-mini/i, 3.8],
  [/^phi-2/i, 2.7],
  [/^phi-1_5/i, 1.4],
  [/^gemma-4-E2B/i, 5.1],
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
export function toCatalogueModel(r: PrebuiltRecord): CatalogueModel | undefined {
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
export type Fit = 'ok' | 'warn' | 'no';

/** The verdict on one model for this device. */
export interface Assessment {
  /** The verdict. */
  readonly fit: Fit;
  /** Why, in short sentences; empty when fit is "ok". */
  readonly reasons: readonly string[];
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/** Whether this device can run the model, and why not. */
export function assessModel(m: CatalogueModel, caps: GpuCapabilities): Assessment {
  const no: string[] = [];
  const warn: string[] = [];
  const a = caps.adapter;
  if (!a) no.push('No WebGPU adapter.');
  else {
    if (m.needsF16 && !a.shaderF16) no.push('Needs shader-f16, which this GPU does not offer: pick the q4f32 version.');
    if (m.bufferBytes !== undefined && a.maxStorageBufferBindingSize < m.bufferBytes) {
      no.push(`Needs storage buffers of ${mb(m.bufferBytes)}; this GPU allows ${mb(a.maxStorageBufferBindingSize)}.`);
    }
    if (a.isFallback) warn.push('Software adapter, not a GPU: it may load, but generation will be very slow.');
  }
  if (caps.deviceMemoryGB !== undefined && caps.deviceMemoryGB < 8 && m.vramMB > caps.deviceMemoryGB * 1024 * 0.6) {
    warn.push(`Needs about ${(m.vramMB / 1024).toFixed(1)} GB of GPU memory; this device reports ${caps.deviceMemoryGB} GB of memory.`);
  }
  if (no.length) return { fit: 'no', reasons: [...no, ...warn] };
  return { fit: warn.length ? 'warn' : 'ok', reasons: warn };
}

/** Good small role-play models, most preferred first. */
export const PREFERRED_DEFAULTS: readonly string[] = [
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
