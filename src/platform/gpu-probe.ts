/**
 * The capability check run before any download: secure context, `navigator.gpu`, the adapter web-llm
 * will use (asked for as web-llm asks, with `powerPreference: 'high-performance'`: vendor,
 * architecture, fallback or not), `shader-f16`, and the limits web-llm checks before it makes a device.
 */
import { browserName, type GpuCapabilities } from '../core/llm/capability';

/** Probes this browser's WebGPU. Never throws: a failure of `requestAdapter()` is reported in the result. */
export async function probeCapabilities(): Promise<GpuCapabilities> {
  const nav = navigator as Navigator & { gpu?: GPU; deviceMemory?: number };
  const base = {
    secureContext: globalThis.isSecureContext === true,
    hasWebGpu: nav.gpu !== undefined,
    ...(typeof nav.deviceMemory === 'number' ? { deviceMemoryGB: nav.deviceMemory } : {}),
    ...(browserName(nav.userAgent) ? { browser: browserName(nav.userAgent)! } : {}),
  };
  if (!nav.gpu) return base;
  let adapter: GPUAdapter | null;
  try {
    adapter = await nav.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { ...base, adapterError: e instanceof Error ? e.message : String(e) };
  }
  if (!adapter) return base;
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean; memoryHeaps?: readonly MemoryHeap[] };
  const legacyFallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const memoryMB = deviceLocalMB(info?.memoryHeaps);
  return {
    ...base,
    adapter: {
      vendor: info?.vendor ?? '',
      architecture: info?.architecture ?? '',
      description: info?.description ?? '',
      isFallback: info?.isFallbackAdapter ?? legacyFallback ?? false,
      shaderF16: adapter.features.has('shader-f16'),
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
      maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize,
      maxStorageBuffersPerShaderStage: adapter.limits.maxStorageBuffersPerShaderStage,
      ...(memoryMB !== undefined ? { memoryMB } : {}),
    },
  };
}

/** One entry of Chrome's experimental `GPUAdapterInfo.memoryHeaps` (present only behind developer flags). */
interface MemoryHeap {
  readonly size: number;
  /** Bit flags; 1 is device-local. */
  readonly properties: number;
}

/** The device-local memory the adapter reports, in MB; undefined when it reports none. */
function deviceLocalMB(heaps: readonly MemoryHeap[] | undefined): number | undefined {
  if (!Array.isArray(heaps)) return undefined;
  const bytes = heaps.filter((h) => (h.properties & 1) === 1).reduce((sum, h) => sum + h.size, 0);
  return bytes > 0 ? Math.round(bytes / 2 ** 20) : undefined;
}
