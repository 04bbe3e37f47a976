/**
 * An API key's safety rules, shared by the page and the CLI (#9): a key belongs to the server it was
 * entered for (changing the base URL drops it), and sending it over plain http to a host that is not
 * on this machine or its private network earns a warning first.
 */
import { publicBaseUrl } from './openai-http';

/** True for loopback and private-network hosts (where plain http stays on this machine or network). */
export function isLocalHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h === '::1') return true;
  const ip = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(h);
  if (!ip) return false;
  const [a, b] = [Number(ip[1]), Number(ip[2])];
  return a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31);
}

/** The host a key would reach in the clear (plain http, not local), or undefined when there is no key or it is safe. */
export function keyInTheClear(baseUrl: string, apiKey: string | undefined): string | undefined {
  if (!apiKey) return undefined;
  try {
    const url = new URL(baseUrl.trim());
    return url.protocol === 'http:' && !isLocalHost(url.hostname) ? url.host : undefined;
  } catch {
    return undefined;
  }
}

/** The server settings an API key is bound to. */
export interface KeyedServer {
  /** The server's API root as stored (without credentials). */
  readonly baseUrl: string;
  /** The API key; empty for none. */
  readonly apiKey: string;
  /** The base URL (as `publicBaseUrl` gives it) the key was entered for; undefined: the stored base URL (settings stored before keys were bound). */
  readonly apiKeyBaseUrl?: string | undefined;
}

/**
 * Applies a change to the server settings keeping the key bound to its server: a new key is bound
 * to the base URL in force with it; a base URL that names another server drops the key (the user is
 * asked for that server's key). `dropped` is true when a key was dropped.
 */
export function bindApiKey<T extends KeyedServer>(current: T, patch: Partial<T>): { next: T; dropped: boolean } {
  const next = { ...current, ...patch };
  const server = publicBaseUrl(next.baseUrl);
  if (patch.apiKey !== undefined) return { next: { ...next, apiKeyBaseUrl: next.apiKey ? server : undefined }, dropped: false };
  const boundTo = current.apiKeyBaseUrl ?? publicBaseUrl(current.baseUrl);
  if (!next.apiKey || boundTo === server) return { next, dropped: false };
  return { next: { ...next, apiKey: '', apiKeyBaseUrl: undefined }, dropped: true };
}
