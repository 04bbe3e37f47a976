/**
 * Long-lived state made on first use. The app's services, the pipeline's runs and prompt sets and
 * the leave-one-out state are usually made while some page is being set up, and Svelte 5 ties each
 * `$derived` to the effect it is created in: once that page is left and its effects destroyed, the
 * derived keeps its last value for good (the model recommended, the prompt sets offered, …). Made
 * through `detached`, they live under an effect root of their own that outlives every page.
 */
import { untrack } from 'svelte';

/**
 * Makes `make()`'s result outside every page's effects (and without tracking what it reads). Where
 * effects never run (Svelte's server build, which Node unit tests use), it is simply `make()`. The
 * root lives until `until` aborts (when given), which destroys every effect made inside it.
 */
export function detached<T>(make: () => T, until?: AbortSignal): T {
  const made: { value?: T; done: boolean } = { done: false };
  const destroy = $effect.root(() => {
    made.value = untrack(make);
    made.done = true;
  });
  until?.addEventListener('abort', destroy, { once: true });
  return made.done ? (made.value as T) : make();
}
