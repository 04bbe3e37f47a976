/**
 * A signal that the composition root made one more state: `app().jobs` reads it, so the header's jobs
 * list looks again at the states made since (a job can only run in a state some page made). The count
 * changes in a microtask, never inside the `$derived` or template that first asked for the state.
 */
export class MadeStates {
  #count = $state(0);

  /** How many states were made (read it to be told of the next). */
  get count(): number {
    return this.#count;
  }

  /** Says that a state was made. */
  made(): void {
    queueMicrotask(() => this.#count++);
  }
}
