import { describe, expect, it } from 'vitest';
import { LoadTracker, parseReport, phaseOfUrl } from '../../../../src/core/llm/load-progress';

describe('load progress', () => {
  it('reads web-llm progress sentences', () => {
    expect(
      parseReport(
        'Fetching param cache[3/24]: 120MB fetched. 12% completed, 5 secs elapsed. It can take a while when we first visit this page to populate the cache. Later refreshes will become faster.',
      ),
    ).toEqual({ phase: 'fetching-params', step: 3, steps: 24, mb: 120, percent: 12 });
    expect(parseReport('Loading model from cache[24/24]: 980MB loaded. 100% completed, 9 secs elapsed.')).toEqual({
      phase: 'loading-from-cache',
      step: 24,
      steps: 24,
      mb: 980,
      percent: 100,
    });
    expect(parseReport('Loading GPU shader modules[10/80]: 12% completed, 2 secs elapsed.')).toEqual({
      phase: 'compiling-shaders',
      step: 10,
      steps: 80,
      percent: 12,
    });
    expect(parseReport('Finish loading on WebGPU - nvidia')).toEqual({ phase: 'ready', percent: 100 });
    expect(parseReport('something else')).toBeUndefined();
  });

  it('knows the phase of each requested URL', () => {
    const m = 'https://huggingface.co/mlc-ai/X-MLC/resolve/main/';
    expect(phaseOfUrl(`${m}mlc-chat-config.json`)).toBe('fetching-config');
    expect(phaseOfUrl('https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/X-webgpu.wasm')).toBe(
      'fetching-library',
    );
    expect(phaseOfUrl(`${m}tokenizer.json`)).toBe('fetching-tokenizer');
    expect(phaseOfUrl(`${m}tensor-cache.json`)).toBe('fetching-params');
    expect(phaseOfUrl(`${m}params_shard_12.bin`)).toBe('fetching-params');
    expect(phaseOfUrl(`${m}README.md`)).toBeUndefined();
  });

  it('labels steps, MB of total and percent, and estimates the time left from the overall share', () => {
    let now = 0;
    const t = new LoadTracker(() => now);
    expect(t.enter('checking-gpu').label).toBe('Checking the GPU');
    now = 1000;
    expect(t.url('https://huggingface.co/mlc-ai/X/resolve/main/mlc-chat-config.json')).toMatchObject({
      phase: 'fetching-config',
      host: 'huggingface.co',
      label: 'Fetching the model configuration · from huggingface.co',
    });
    expect(t.url('https://huggingface.co/mlc-ai/X/resolve/main/params_shard_0.bin')).toBeUndefined();
    now = 11_000;
    const p = t.report({
      progress: 0.5,
      timeElapsed: 10,
      text: 'Fetching param cache[12/24]: 490MB fetched. 50% completed, 10 secs elapsed.',
    });
    expect(p.label).toBe('Fetching parameters 12/24 · 490 MB of 980 MB · 50 % · from huggingface.co');
    expect(p.totalMb).toBe(980);
    expect(p.overall).toBeCloseTo(0.04 + 0.78 * 0.5);
    expect(p.etaS).toBeCloseTo((11 / p.overall) * (1 - p.overall));
    now = 20_000;
    const cache = t.report({
      progress: 0.1,
      timeElapsed: 1,
      text: 'Loading model from cache[1/24]: 40MB loaded. 4% completed, 1 secs elapsed.',
    });
    expect(cache.overall).toBeGreaterThan(p.overall);
    expect(cache.host).toBeUndefined();
    expect(t.report({ progress: 1, timeElapsed: 20, text: 'Finish loading on WebGPU - x' })).toMatchObject({ phase: 'ready', overall: 1 });
  });

  it("takes the share done from web-llm's own fraction, not the sentence's rounded numbers", () => {
    const t = new LoadTracker(() => 0);
    // 3 MB of 980: the sentence says "0% completed", which gives no total; the fraction does.
    const p = t.report({
      progress: 3 / 980,
      timeElapsed: 1,
      text: 'Fetching param cache[1/24]: 3MB fetched. 0% completed, 1 secs elapsed.',
    });
    expect(p.totalMb).toBe(980);
    expect(p.percent).toBeCloseTo(100 * (3 / 980));
    expect(p.label).toBe('Fetching parameters 1/24 · 3 MB of 980 MB · 0 %');
    // shader modules: 7 of 80 is 8.75 %, not the sentence's floor of 8
    const s = t.report({ progress: 7 / 80, timeElapsed: 2, text: 'Loading GPU shader modules[7/80]: 8% completed, 2 secs elapsed.' });
    expect(s.percent).toBeCloseTo(8.75);
  });

  it('never lets the overall estimate go back', () => {
    const t = new LoadTracker(() => 0);
    const a = t.report({
      progress: 0.5,
      timeElapsed: 1,
      text: 'Loading model from cache[5/10]: 5MB loaded. 50% completed, 1 secs elapsed.',
    });
    const b = t.report({ progress: 0, timeElapsed: 1, text: 'Start to fetch params' });
    expect(b.overall).toBe(a.overall);
  });
});
