import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
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
