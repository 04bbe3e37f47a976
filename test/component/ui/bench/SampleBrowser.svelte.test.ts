import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { makeBenchConfig } from '../../../../src/core/bench/config';
import { makeBench } from '../../../../src/core/bench/create';
import type { BenchMethod } from '../../../../src/core/bench/methods';
import { sampleId, type BenchSample } from '../../../../src/core/bench/records';
import { MemoryBenchStore } from '../../../../src/core/bench/store';
import { BenchView } from '../../../../src/state/BenchView.svelte';
import SampleBrowser from '../../../../src/ui/bench/SampleBrowser.svelte';
import { render } from '../../mount';

/** A bench with 10,000 samples stored (5,000 items × 2 methods): every third critiqued, alternately passed and needing revision. */
async function bigBench(): Promise<{ view: BenchView; samples: BenchSample[] }> {
  const store = new MemoryBenchStore();
  const ref = { backend: 'openai-http' as const, model: 'm', baseUrl: 'http://127.0.0.1:9/v1' };
  const bench = makeBench({
    name: 'big',
    config: makeBenchConfig({ model: ref, critic: ref }, { methods: ['baseline', 'persona'], samples: 1 }),
    personas: [{ id: 'p0', split: 'test', text: 'age: 30' }],
    prompts: [{ id: 'q0', text: 'What should I cook tonight?', topic: 'food', split: 'heldout' }],
    appVersion: '0.0.0-test',
  });
  await store.putBench(bench);
  const samples: BenchSample[] = [];
  for (let item = 0; item < 5_000; item++) {
    for (const method of ['baseline', 'persona'] as BenchMethod[]) {
      const n = samples.length;
      const critiqued = n % 3 === 0;
      const critique = {
        chain_of_thought: '',
        personalization_critic: '',
        helpfulness_critic: '',
        conclusion: '',
        needs_revision: n % 2 === 0,
      };
      const sample = {
        id: sampleId(bench.id, method, item, 0),
        benchId: bench.id,
        method,
        item,
        personaId: 'p0',
        promptId: 'q0',
        sample: 0,
        status: critiqued ? 'done' : 'pending',
        stages: critiqued ? { critic: { status: 'done', attempts: [], output: critique } } : {},
        round: 0,
        updatedAt: 0,
      } as BenchSample;
      samples.push(sample);
      store.samples.set(sample.id, sample);
    }
  }
  const view = new BenchView(store);
  await view.show(bench);
  return { view, samples };
}

const rows = (el: Element) => [...el.querySelectorAll<HTMLElement>('[data-testid="sample-row"]')];

describe('SampleBrowser', () => {
  it('lists 10,000 samples through a window of rows, filters them, scrolls to the last and opens one', async () => {
    const { view } = await bigBench();
    const { target } = render(SampleBrowser, { view });
    const count = () => target.querySelector('[data-testid="samples-shown"]')?.textContent;
    expect(count()).toBe('10000 of 10000 samples');
    expect(rows(target).length).toBeGreaterThan(5);
    expect(rows(target).length).toBeLessThan(40);
    expect(rows(target)[0]?.textContent).toMatch(/^needs revision\s+baseline #1\s+p0\s+What should I cook tonight\?$/);

    await userEvent.selectOptions(target.querySelector<HTMLSelectElement>('select[aria-label="Method filter"]')!, 'persona');
    await expect.poll(count).toBe('5000 of 10000 samples');
    expect(rows(target).every((r) => r.textContent?.includes('persona #1'))).toBe(true);
    await userEvent.selectOptions(target.querySelector<HTMLSelectElement>('select[aria-label="Outcome filter"]')!, 'pass');
    // Persona samples are the odd positions, every odd one critiqued passed: the odd multiples of 3 below 10,000.
    await expect.poll(count).toBe('1667 of 10000 samples');
    expect(rows(target).every((r) => r.dataset.outcome === 'pass')).toBe(true);

    const list = target.querySelector<HTMLElement>('[data-testid="sample-list"]')!;
    list.scrollTop = list.scrollHeight;
    // The row drawn lowest is at the list's bottom edge once the view has moved there (1,667 rows of 40 px).
    const lowest = () => rows(target).reduce((a, b) => (b.getBoundingClientRect().top > a.getBoundingClientRect().top ? b : a));
    await expect.poll(() => Math.abs(lowest().getBoundingClientRect().bottom - list.getBoundingClientRect().bottom) < 2).toBe(true);
    expect(list.scrollTop).toBeGreaterThan(1_667 * 40 - 300);
    expect(rows(target).length).toBeLessThan(40);
    const last = view.shown.at(-1)!;
    const lastRow = lowest();
    lastRow.click();
    await expect.poll(() => view.open?.id).toBe(last.id);
    await expect.poll(() => lastRow.getAttribute('aria-pressed')).toBe('true');
  });
});
