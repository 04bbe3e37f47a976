/**
 * The page's side of the offline service worker (sw.js, written by the build; scripts/service-worker.mjs):
 * registers it, and tells when a new version of the app is installed and waiting, so the page can say
 * so and take it on the next load (or at once, with `takeOver`).
 */

/** What `registerServiceWorker` reports. */
export interface UpdateNotice {
  /** Makes the waiting version take over and reloads the page with it. */
  readonly takeOver: () => void;
}

/**
 * Registers /sw.js (production builds served from a secure context only); `onUpdate` is called when a
 * new version is installed while an older one controls the page. Never throws: without a service
 * worker the app works the same, only not offline.
 */
export function registerServiceWorker(onUpdate: (notice: UpdateNotice) => void): void {
  const sw = navigator.serviceWorker as ServiceWorkerContainer | undefined;
  if (!sw) return;
  const announce = (waiting: ServiceWorker) =>
    onUpdate({
      takeOver: () => {
        sw.addEventListener('controllerchange', () => location.reload(), { once: true });
        waiting.postMessage('take-over');
      },
    });
  sw.register('/sw.js')
    .then((reg) => {
      if (reg.waiting && sw.controller) announce(reg.waiting);
      reg.addEventListener('updatefound', () => {
        const next = reg.installing;
        next?.addEventListener('statechange', () => {
          if (next.state === 'installed' && sw.controller) announce(next);
        });
      });
    })
    .catch(() => {
      // e.g. a private window that refuses service workers: the app still works online
    });
}
