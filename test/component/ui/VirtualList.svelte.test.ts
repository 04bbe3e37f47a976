import { createRawSnippet, flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import VirtualList from '../../../src/ui/VirtualList.svelte';
import { render } from '../mount';

const row = createRawSnippet((index: () => number) => ({
  render: () => `<button type="button" data-row="${index()}">Row ${index()}</button>`,
}));

/** The indices of the rows in the page, in order. */
const rowsIn = (el: Element) => [...el.querySelectorAll<HTMLElement>('[data-row]')].map((b) => Number(b.dataset.row));

describe('VirtualList', () => {
  it('renders only a window of rows for 10,000 items, sized as the whole list', () => {
    const { target } = render(VirtualList, { count: 10_000, rowHeight: 40, overscan: 5, height: '400px', row, 'data-testid': 'list' });
    const list = target.querySelector<HTMLElement>('[data-testid="list"]');
    expect(list).not.toBeNull();
    const rows = rowsIn(target);
    // 400 px of 40 px rows is 10 in view, plus 5 overscan below: nowhere near 10,000.
    expect(rows[0]).toBe(0);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.length).toBeLessThanOrEqual(16);
    expect(list!.scrollHeight).toBe(400_000);
    expect(list!.clientHeight).toBe(400);
    // Each row is placed at its index's offset and is as tall as asked.
    const third = target.querySelector<HTMLElement>('[data-row="3"]')!;
    expect(third.getBoundingClientRect().top - list!.getBoundingClientRect().top).toBe(120);
    expect(third.getBoundingClientRect().height).toBe(40);
  });

  it('shows later rows when scrolled, and drops the first ones', async () => {
    const { target } = render(VirtualList, { count: 10_000, rowHeight: 40, height: '400px', row, 'data-testid': 'list' });
    const list = target.querySelector<HTMLElement>('[data-testid="list"]')!;
    list.scrollTop = 40 * 5_000;
    await expect.poll(() => rowsIn(target).includes(5_000)).toBe(true);
    const rows = rowsIn(target);
    expect(rows).not.toContain(0);
    expect(Math.max(...rows)).toBeLessThan(5_030);
    const shown = target.querySelector<HTMLElement>('[data-row="5000"]')!;
    expect(Math.round(shown.getBoundingClientRect().top - list.getBoundingClientRect().top)).toBe(0);
    list.scrollTop = list.scrollHeight;
    await expect.poll(() => rowsIn(target).includes(9_999)).toBe(true);
  });

  it('follows a changed count, and scrollToIndex / scrollToTop move the view', async () => {
    let count = $state(10_000);
    const { target, instance } = render(VirtualList, {
      get count() {
        return count;
      },
      rowHeight: 40,
      height: '400px',
      row,
      'data-testid': 'list',
    });
    const list = target.querySelector<HTMLElement>('[data-testid="list"]')!;
    (instance.scrollToIndex as (i: number) => void)(7_000);
    await expect.poll(() => rowsIn(target).includes(7_000)).toBe(true);
    (instance.scrollToTop as () => void)();
    await expect.poll(() => rowsIn(target)[0]).toBe(0);
    count = 3;
    flushSync();
    expect(rowsIn(target)).toEqual([0, 1, 2]);
    expect(list.scrollHeight).toBe(400); // the box keeps its height; the rows take 120 px of it
    expect((list.firstElementChild as HTMLElement).getBoundingClientRect().height).toBe(120);
  });

  it('takes a maximum height instead, shrinking to a short list', async () => {
    const { target } = render(VirtualList, { count: 2, rowHeight: 40, maxHeight: '400px', row, 'data-testid': 'list' });
    const list = target.querySelector<HTMLElement>('[data-testid="list"]')!;
    expect(list.clientHeight).toBe(80);
    expect(rowsIn(target)).toEqual([0, 1]);
  });
});
