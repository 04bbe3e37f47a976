/**
 * What this browser and GPU offer, as plain data the page probes before any download, and the
 * failure it means when models cannot run at all.
 */
import { LlmError } from './errors';
import { NO_ADAPTER_HINT, NO_WEBGPU_HINT } from './webllm-errors';

/** The GPU adapter WebGPU offers. */
interface AdapterInfo {
  /** GPU vendor as the browser reports it ("nvidia", "google", …); may be empty (privacy). */
  readonly vendor: string;
  /** Architecture ("ampere", "swiftshader", …); may be empty. */
  readonly architecture: string;
  /** Longer description; often empty. */
  readonly description: string;
  /** True for a software or otherwise limited adapter (SwiftShader): models run, but very slowly. */
  readonly isFallback: boolean;
  /** Whether the `shader-f16` feature is offered (q4f16 and q0f16 models need it). */
  readonly shaderF16: boolean;
  /** `limits.maxStorageBufferBindingSize` in bytes. */
  readonly maxStorageBufferBindingSize: number;
  /** `limits.maxBufferSize` in bytes. */
  readonly maxBufferSize: number;
  /** `limits.maxComputeWorkgroupStorageSize` in bytes; undefined when the probe did not read it. */
  readonly maxComputeWorkgroupStorageSize?: number;
  /** `limits.maxStorageBuffersPerShaderStage`; undefined when the probe did not read it. */
  readonly maxStorageBuffersPerShaderStage?: number;
  /** GPU memory the adapter reports (Chrome's experimental `memoryHeaps`, device-local heaps), in MB; usually undefined. */
  readonly memoryMB?: number;
}

/** The adapter limits web-llm's `detectGPUDevice` reads before it asks for a device. */
export interface GpuLimits {
  /** `maxStorageBufferBindingSize` in bytes. */
  readonly maxStorageBufferBindingSize: number;
  /** `maxBufferSize` in bytes. */
  readonly maxBufferSize: number;
  /** `maxComputeWorkgroupStorageSize` in bytes; unchecked when undefined. */
  readonly maxComputeWorkgroupStorageSize?: number;
  /** `maxStorageBuffersPerShaderStage`; unchecked when undefined. */
  readonly maxStorageBuffersPerShaderStage?: number;
}

const MiB = 2 ** 20;

/**
 * The storage-buffer binding size the device web-llm creates will have: web-llm asks for 1 GiB when
 * the adapter allows it, else for WebGPU's default 128 MiB (never for anything in between), so a
 * 256 MiB adapter still gives 128 MiB. Undefined when even 128 MiB is more than the adapter allows.
 */
export function effectiveStorageBinding(adapterLimit: number): number | undefined {
  if (adapterLimit >= 2 ** 30) return 2 ** 30;
  if (adapterLimit >= 128 * MiB) return 128 * MiB;
  return undefined;
}

/**
 * Why web-llm 0.2.86 would refuse this adapter (its `detectGPUDevice` throws "Cannot initialize
 * runtime because of requested … exceeds limit"), one sentence each; empty when it would not.
 */
export function gpuLimitProblems(l: GpuLimits): string[] {
  const out: string[] = [];
  const mb = (b: number) => `${Math.ceil(b / MiB)} MB`;
  if (l.maxBufferSize < 256 * MiB) out.push(`Its largest buffer is ${mb(l.maxBufferSize)}; web-llm needs at least 256 MB.`);
  if (effectiveStorageBinding(l.maxStorageBufferBindingSize) === undefined) {
    out.push(`Its largest storage buffer binding is ${mb(l.maxStorageBufferBindingSize)}; web-llm needs at least 128 MB.`);
  }
  if (l.maxComputeWorkgroupStorageSize !== undefined && l.maxComputeWorkgroupStorageSize < 32 * 1024) {
    out.push(`Its compute workgroup storage is ${l.maxComputeWorkgroupStorageSize} bytes; web-llm needs 32768.`);
  }
  if (l.maxStorageBuffersPerShaderStage !== undefined && l.maxStorageBuffersPerShaderStage < 10) {
    out.push(`It allows ${l.maxStorageBuffersPerShaderStage} storage buffers per shader stage; web-llm needs 10.`);
  }
  return out;
}

/** The hint for a GPU whose limits web-llm cannot work with. */
export const GPU_LIMITS_HINT =
  'Update the browser and the GPU driver (limits grow with both), try another browser, or run the model on a local server ' +
  '(Ollama, llama.cpp, vLLM) and choose "OpenAI-compatible server" as the backend.';

/** The outcome of the capability check. */
export interface GpuCapabilities {
  /** `isSecureContext`: WebGPU exists only on https:// or localhost. */
  readonly secureContext: boolean;
  /** Whether `navigator.gpu` exists. */
  readonly hasWebGpu: boolean;
  /** The adapter; undefined when `requestAdapter()` gave none (or WebGPU is absent). */
  readonly adapter?: AdapterInfo;
  /** `navigator.deviceMemory` in GB (rounded and capped at 8 by browsers); undefined where unsupported. */
  readonly deviceMemoryGB?: number;
  /** The browser as the user agent names it, for messages ("Chrome 126", "Firefox 128", "Safari"). */
  readonly browser?: string;
  /** A failure of `requestAdapter()` itself, when it threw. */
  readonly adapterError?: string;
}

/** Why models cannot run here, or undefined when an adapter exists. */
export function capabilityError(caps: GpuCapabilities): LlmError | undefined {
  if (!caps.secureContext) {
    return new LlmError(
      'no-webgpu',
      'This page is not a secure context (it needs https:// or http://localhost), so the browser hides WebGPU.',
      {
        hint: 'Open the app through http://localhost:5173 or an https:// address, or use an OpenAI-compatible server as the backend.',
      },
    );
  }
  if (!caps.hasWebGpu) {
    return new LlmError('no-webgpu', `WebGPU is not available in ${caps.browser ?? 'this browser'}, so models cannot run on this GPU.`, {
      hint: NO_WEBGPU_HINT,
    });
  }
  if (!caps.adapter) {
    const why = caps.adapterError ? ` (${caps.adapterError})` : '';
    return new LlmError('no-adapter', `WebGPU is present, but the browser offers no GPU adapter${why}.`, { hint: NO_ADAPTER_HINT });
  }
  const limits = gpuLimitProblems(caps.adapter);
  if (limits.length) {
    return new LlmError('no-adapter', `This GPU's WebGPU limits are below what web-llm needs. ${limits.join(' ')}`, {
      hint: GPU_LIMITS_HINT,
    });
  }
  return undefined;
}

/** A browser name and major version from a user-agent string, for messages; undefined when unknown. */
export function browserName(userAgent: string): string | undefined {
  const edge = /Edg\/(\d+)/.exec(userAgent);
  if (edge) return `Edge ${edge[1]}`;
  const firefox = /Firefox\/(\d+)/.exec(userAgent);
  if (firefox) return `Firefox ${firefox[1]}`;
  const chrome = /(?:HeadlessChrome|Chrome|Chromium)\/(\d+)/.exec(userAgent);
  if (chrome) return `Chrome ${chrome[1]}`;
  const safari = /Version\/(\d+)[\d.]* .*Safari/.exec(userAgent);
  if (safari) return `Safari ${safari[1]}`;
  return undefined;
}
