/**
 * The capability check run before any download: secure context, `navigator.gpu`, the adapter
 * (vendor, architecture, fallback or not), `shader-f16` and the storage-buffer limits.
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
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const legacyFallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
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
    },
  };
}
