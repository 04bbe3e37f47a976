#!/usr/bin/env node
// `npm start`: install what is missing, then serve the app on http://localhost:5173.
import { ensureDeps } from './ensure-deps.mjs';

ensureDeps();
const { createServer } = await import('vite');
const server = await createServer({ server: { port: 5173, host: 'localhost' } });
await server.listen();
process.stdout.write('\nPersona Lab is running:\n');
server.printUrls();
process.stdout.write('Press Ctrl+C to stop.\n');
