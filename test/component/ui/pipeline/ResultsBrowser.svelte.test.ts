import { describe, expect, it } from 'vitest';
import { personaTextLabel } from '../../../../src/core/personas/label';
import { makeConfig } from '../../../../src/core/pipeline/config';
import { createRun } from '../../../../src/core/pipeline/create';
import type { PairView } from '../../../../src/core/pipeline/pairs';
import { MemoryStore } from '../../../../src/core/pipeline/store';
import { RunResults } from '../../../../src/state/RunResults.svelte';
import ResultsBrowser from '../../../../src/ui/pipeline/ResultsBrowser.svelte';
import { render } from '../../mount';

/** A run planned over `personas` personas and 12 prompts (4 pairs each), nothing generated yet, its pairs loaded. */
async function plannedRun(personas: number): Promise<RunResults> {
  const store = new MemoryStore();
  const ref = { backend: 'openai-http' as const, model: 'm', baseUrl: 'http://127.0.0.1:9/v1' };
  const run = await createRun(store, {
    name: 'planned',
    config: makeConfig({ generator: ref, judges: [ref] }, { plan: { train: 2, seenTest: 1, heldout: 1 } }),
    personas: Array.from({ length: personas }, (_, i) => ({ id: `persona-${i}`, split: 'train' as const, text: `age: ${20 + (i % 60)}` })),
    prompts: Array.from({ length: 12 }, (_, i) => ({
      id: `q${i}`,
      text: `Question ${i}?`,
      topic: i % 2 ? 'ethics' : 'politics',
      split: i % 4 === 3 ? ('heldout' as const) : ('train' as const),
    })),
    appVersion: '0.0.0-test',
  });
  const results = new RunResults(store);
  await results.load(run.id);
  return results;
}

const rows = (el: Element) => [...el.querySelectorAll<HTMLElement>('[data-testid="pair-row"]')];

describe('ResultsBrowser', () => {
  it('shows 10,000 pairs through a window of rows; scrolling reaches the last ones; a row chosen opens its card', async () => {
    const results = await plannedRun(2_500);
    expect(results.shown.length).toBe(10_000);
    const { target } = render(ResultsBrowser, { results });
    expect(target.querySelector('[data-testid="shown-count"]')?.textContent).toBe('10000 of 10000 pairs');
    const first = rows(target);
    expect(first.length).toBeGreaterThan(5);
    expect(first.length).toBeLessThan(40);
    expect(first[0]?.textContent).toBe(`pending 20 ${results.shown[0]!.prompt} ${results.shown[0]!.split}`);

    const list = target.querySelector<HTMLElement>('[data-testid="pair-list"]')!;
    list.scrollTop = list.scrollHeight;
    const text = (p: PairView) => `${p.status} ${personaTextLabel(p.personaId, p.persona)} ${p.prompt} ${p.split}`;
    const last = results.shown[9_999]!;
    await expect.poll(() => rows(target).at(-1)?.textContent).toBe(text(last));
    expect(rows(target).length).toBeLessThan(40);
    expect(rows(target).map((r) => r.textContent)).not.toContain(text(results.shown[0]!));

    // Rows share their text, so the row is clicked as an element (userEvent finds elements by role and name).
    const row = rows(target).at(-1)!;
    expect(row.getAttribute('aria-pressed')).toBe('false');
    expect(target.querySelector('[data-testid="pair-card"]')).toBeNull();
    row.click();
    await expect.poll(() => target.querySelector<HTMLElement>('[data-testid="pair-card"]')?.dataset.pair).toBe(last.id);
    expect(row.getAttribute('aria-pressed')).toBe('true');
    expect(rows(target).filter((r) => r.getAttribute('aria-pressed') === 'true')).toHaveLength(1);
  });
});
