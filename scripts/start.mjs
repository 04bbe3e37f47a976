#!/usr/bin/env node
// `npm start`: install what is missing, then serve the app on http://localhost:5173 (PORT overrides).
import { ensureDeps } from './ensure-deps.mjs';

ensureDeps();
const port = Number(process.env.PORT ?? 5173);
const { createServer } = await import('vite');
const server = await createServer({ server: { port, strictPort: true, host: 'localhost' } });
try {
  await server.listen();
} catch (e) {
  const inUse = e instanceof Error && /in use|EADDRINUSE/i.test(e.message);
  process.stderr.write(
    inUse
      ? `persona-lab: port ${port} is already in use (is Persona Lab running in another terminal?). Stop that, or run PORT=5174 npm start.\n`
      : `persona-lab: the server could not start: ${e instanceof Error ? e.message : String(e)}\n`,
  );
  await server.close();
  process.exit(1);
}
process.stdout.write('\nPersona Lab is running:\n');
server.printUrls();
process.stdout.write('Press Ctrl+C to stop.\n');
