// The app's service worker (#9, offline), written by the build (vite.config.ts) with the list of the
// build's files in it, so every build is a new worker and the browser installs it as an update.
// Install: precache every file of the build (shell, every page's chunk, the workers, the census
// model, the default prompts). Fetch: this origin's files from the cache first (their names carry
// a content hash), the page itself from the network first with the cached page when offline;
// model weights, libraries and LLM servers are other origins and pass untouched (web-llm keeps the
// weights in its own cache). A new version waits until the page asks it to take over (the page's
// update notice), so a page never mixes two builds' chunks. Matches ignore `Vary: Origin` (servers
// send it; a module script's request has an Origin header, the precache request had none).

/** The name of one build's cache. */
const PREFIX = 'persona-lab-shell-';

/**
 * The service worker's source for a build: `files` are the paths to precache (from the site's root,
 * starting with "/"), `version` names the build.
 * @param {readonly string[]} files
 * @param {string} version
 */
export function serviceWorkerSource(files, version) {
  return `// Persona Lab's service worker, build ${version} (written by scripts/service-worker.mjs).
const CACHE = ${JSON.stringify(PREFIX + version)};
const FILES = ${JSON.stringify(files)};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('message', (event) => {
  if (event.data === 'take-over') void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(${JSON.stringify(PREFIX)}) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match('/index.html', { cacheName: CACHE, ignoreVary: true })));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE, ignoreSearch: true, ignoreVary: true }).then((hit) => hit ?? fetch(request)));
});
`;
}
