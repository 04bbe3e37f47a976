/**
 * The jobs of one kind that another tab of the app is running, read from the cross-tab job locks
 * (`src/platform/job-lock.ts`): when asked, when another tab says a job started or ended, and every
 * few seconds while there are any (a tab that is closed frees its locks without a word). After each
 * reading the owner is called back, so it can re-read the jobs' status and progress from IndexedDB
 * and mark a job whose tab went away as interrupted, ready to resume here.
 */
import { heldJobs, onJobNews, type JobKind } from '../platform/job-lock';

/** How often the locks are read while some job runs in another tab, ms. */
const WATCH_MS = 1500;

export class OtherTabJobs {
  #ids = $state.raw<ReadonlySet<string>>(new Set());
  readonly #kind: JobKind;
  readonly #mine: () => Iterable<string>;
  readonly #onChange: (freed: readonly string[]) => Promise<void>;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * `mine`: the ids of the jobs this tab runs (their locks are held here, not elsewhere).
   * `onChange`: called after each reading, with the ids whose other tab let go since the last one;
   * it handles its own failures (it must not throw).
   */
  constructor(kind: JobKind, mine: () => Iterable<string>, onChange: (freed: readonly string[]) => Promise<void>) {
    this.#kind = kind;
    this.#mine = mine;
    this.#onChange = onChange;
    onJobNews(kind, () => void this.check());
  }

  /** Ids of the jobs running in another tab, as last read. */
  get ids(): ReadonlySet<string> {
    return this.#ids;
  }

  /** Whether job `id` runs in another tab (as last read). */
  has(id: string): boolean {
    return this.#ids.has(id);
  }

  /**
   * Reads the locks now, calls the owner back, and keeps watching while some job runs elsewhere.
   * Never rejects: a lock manager that cannot be read leaves the last reading as it was.
   */
  async check(): Promise<ReadonlySet<string>> {
    clearTimeout(this.#timer);
    let held: Set<string>;
    try {
      held = await heldJobs(this.#kind);
    } catch {
      held = new Set(this.#ids);
    }
    const mine = new Set(this.#mine());
    const now = new Set([...held].filter((id) => !mine.has(id)));
    const freed = [...this.#ids].filter((id) => !now.has(id));
    this.#ids = now;
    await this.#onChange(freed);
    if (now.size) {
      this.#timer = setTimeout(() => void this.check(), WATCH_MS);
      (this.#timer as { unref?: () => void }).unref?.(); // Node (unit tests): never keeps the process alive
    }
    return now;
  }
}
