/**
 * The offline service worker, registered once for the app, and the notice of a new version waiting
 * for the next load (shown by `UpdateNotice.svelte`).
 */
import { registerServiceWorker, type UpdateNotice } from '../platform/service-worker';

export class AppUpdate {
  #current = $state.raw<UpdateNotice | undefined>();
  /** Set once a new version is installed and waits. */
  get current() {
    return this.#current;
  }

  /** Registers the service worker; call once, in production builds. */
  start(): void {
    registerServiceWorker((n) => (this.#current = n));
  }
}
