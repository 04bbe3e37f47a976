/** Persona Lab's version from package.json, for manifests. */
import { readFileSync } from 'node:fs';

/** The version in package.json ("0.0.0" when it cannot be read). */
export function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
