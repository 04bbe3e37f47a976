import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { serviceWorkerSource } from './scripts/service-worker.mjs';

/**
 * The Content-Security-Policy in index.html lets the page connect to any https server (the servers a
 * user configures are not known when the app is built). PERSONA_LAB_SERVERS (space-separated origins,
 * e.g. "https://llm.example.org http://10.0.0.5:8000") narrows that: a build with it set allows only
 * those servers beside self, the model hosts and local http. See docs/security.md.
 */
function cspServers(): Plugin {
  const servers = process.env.PERSONA_LAB_SERVERS?.trim();
  return {
    name: 'persona-lab-csp-servers',
    transformIndexHtml(html) {
      if (!servers) return html;
      if (!/^[\w:/.*[\]\- ]+$/.test(servers))
        throw new Error(`PERSONA_LAB_SERVERS: "${servers}" is not a space-separated list of origins.`);
      return html.replace(/(connect-src [^;"]*) https:(?=[;"])/, `$1 ${servers.split(/\s+/).join(' ')}`);
    },
  };
}

/**
 * Writes the service worker (sw.js) into the production build with every file of the build to
 * precache: the emitted chunks and assets (source maps left out), the files of public/, and the page.
 * See scripts/service-worker.mjs.
 */
function offlineWorker(): Plugin {
  return {
    name: 'persona-lab-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const publicFiles = readdirSync('public');
      const files = ['/index.html', ...publicFiles.map((f) => `/${f}`), ...Object.keys(bundle).map((f) => `/${f}`)]
        .filter((f) => !f.endsWith('.map'))
        .sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: serviceWorkerSource(files, version) });
    },
  };
}

export default defineConfig({
  plugins: [svelte(), cspServers(), offlineWorker()],
  server: { port: 5173, strictPort: false, host: 'localhost' },
  preview: { port: 4173, host: '127.0.0.1' },
  // Timing warnings measure the shared machine more than the build; they are noise in `npm test`.
  worker: { format: 'es', rolldownOptions: { checks: { bundlerTimings: false } } },
  build: {
    target: 'es2022',
    sourcemap: true,
    // web-llm's runtime is one large chunk that only the LLM worker loads.
    chunkSizeWarningLimit: 8000,
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
