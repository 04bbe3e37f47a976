import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { detached } from '../../../src/state/detached.svelte';
import { render } from '../mount';
import Asker from './Asker.svelte';

/** A state with a `$derived` and an `$effect` made in its constructor, as the app's states are. */
class Counter {
  n = $state(1);
  readonly double = $derived(this.n * 2);
  readonly seen: number[] = [];
  constructor() {
    $effect(() => {
      this.seen.push(this.n);
    });
  }
}

/** Makes `make()` while a component is set up, then destroys the component. */
async function askedByAPage<T>(make: () => T): Promise<T> {
  let made: T | undefined;
  const { destroy } = render(Asker, { ask: () => (made = make()) });
  await destroy();
  if (made === undefined) throw new Error('the component did not ask');
  return made;
}

describe('detached', () => {
  it('keeps $derived and $effect made inside updating after the component that asked is destroyed', async () => {
    const c = await askedByAPage(() => detached(() => new Counter()));
    c.n = 5;
    flushSync();
    expect(c.double).toBe(10);
    expect(c.seen).toEqual([1, 5]);
    c.n = 6;
    flushSync();
    expect(c.seen).toEqual([1, 5, 6]);
  });

  it('stops them when its root is destroyed', () => {
    const stop = new AbortController();
    const c = detached(() => new Counter(), stop.signal);
    flushSync();
    c.n = 2;
    flushSync();
    expect(c.seen).toEqual([1, 2]);
    stop.abort();
    c.n = 3;
    flushSync();
    expect(c.seen).toEqual([1, 2]);
  });

  it('is what keeps them: made in the page itself, the effect stops with the page', async () => {
    const c = await askedByAPage(() => new Counter());
    c.n = 5;
    flushSync();
    expect(c.seen).toEqual([1]);
  });
});
