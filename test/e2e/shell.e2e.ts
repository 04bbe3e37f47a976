import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from './harness';

describe('app shell', () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('serves the production build and renders the home page', async () => {
    await s.page.goto(s.baseURL);
    await s.page.locator('main[data-ready="true"] h1').waitFor();
    expect(await s.page.locator('h1').textContent()).toBe('Persona Lab');
  });

  it('exposes a software WebGPU adapter only with --enable-unsafe-webgpu', async () => {
    const probe = () =>
      navigator.gpu ? navigator.gpu.requestAdapter().then((a) => (a ? { fallback: a.info.isFallbackAdapter, f16: a.features.has('shader-f16') } : null)) : null;
    await s.page.goto(s.baseURL);
    expect(await s.page.evaluate(probe)).toBeNull();
    const gpu = await launch({ webgpu: true });
    try {
      await gpu.page.goto(gpu.baseURL);
      expect(await gpu.page.evaluate(probe)).toEqual({ fallback: true, f16: false });
    } finally {
      await gpu.close();
    }
  });
});
