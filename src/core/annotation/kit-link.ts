/**
 * A kit handed out as a link: the kit file, compressed (deflate, by the platform) and written in
 * base64url after the Annotate page's hash route, "#/annotate?kit=…", like the persona share
 * link's "#/personas?…". The fragment never reaches a server. A kit whose link would be longer
 * than `MAX_KIT_LINK_LENGTH` is refused with a message to hand out the file instead; on arrival the
 * text is read as a kit file (`readKitFile`), so a damaged link is named like a damaged file.
 */

/** The hash route a kit link opens. */
const KIT_LINK_ROUTE = '/annotate';
/** The query key holding the kit. */
const KIT_KEY = 'kit';
/**
 * The longest kit link handed out. Browsers open far longer addresses, but mail, chat and
 * learning platforms cut or refuse links of more than a few thousand characters; 8,000 holds
 * a kit of about 30 short questions.
 */
export const MAX_KIT_LINK_LENGTH = 8_000;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Bytes as base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** base64url (with or without padding) as bytes; an Error naming the first character that is not base64url. */
export function fromBase64Url(text: string): Uint8Array | Error {
  const clean = text.replace(/=+$/, '');
  const bad = clean.search(/[^A-Za-z0-9_-]/);
  if (bad >= 0) return new Error(`character ${bad + 1} of the link's kit ("${clean[bad]}") is not base64url`);
  const out = new Uint8Array(Math.floor((clean.length * 6) / 8));
  let bits = 0,
    acc = 0,
    j = 0;
  for (const c of clean) {
    acc = (acc << 6) | ALPHABET.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 255;
    }
  }
  return out;
}

/** The whole link for the app at `base` (its address; any hash is dropped), or an Error saying to hand out the file when too long. */
export function kitLink(base: string, packed: Uint8Array): string | Error {
  const link = `${base.replace(/#.*$/, '')}#${KIT_LINK_ROUTE}?${KIT_KEY}=${toBase64Url(packed)}`;
  if (link.length > MAX_KIT_LINK_LENGTH)
    return new Error(
      `This kit is too large for a link (${link.length.toLocaleString('en')} characters; links of more than ${MAX_KIT_LINK_LENGTH.toLocaleString('en')} are cut by mail and chat): hand out the kit file instead.`,
    );
  return link;
}

/** The packed kit of a hash's query string ("kit=…"), undefined when the query holds none. */
export function kitLinkPayload(query: string): Uint8Array | Error | undefined {
  for (const part of query.replace(/^\?/, '').split('&')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at) === KIT_KEY) return fromBase64Url(part.slice(at + 1));
  }
  return undefined;
}
