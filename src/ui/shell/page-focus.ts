/**
 * Focus on navigation between hash routes: the first page keeps the focus where the browser puts it
 * (so the skip link comes first); after each navigation the focus moves to the new page's heading,
 * so a screen reader announces the page and keyboard users start at its top.
 */
import type { Attachment } from 'svelte/attachments';

/** Moves the focus to a page's heading once the app has navigated. */
export class HeadingFocus {
  #navigated = false;

  /** Marks that the page on screen was reached by navigation, not by opening the app. */
  navigated(): void {
    this.#navigated = true;
  }

  /** Attach to the element holding the page: focuses its first `h1` (made focusable), else the main landmark. */
  readonly attach: Attachment<HTMLElement> = (el) => {
    if (!this.#navigated) return;
    const heading = el.querySelector<HTMLElement>('h1') ?? el.closest<HTMLElement>('main');
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus();
  };
}

/** The skip link's handler: focuses the main landmark without touching the hash (which routes). */
export function skipToMain(e: MouseEvent): void {
  e.preventDefault();
  document.getElementById('main')?.focus();
}
