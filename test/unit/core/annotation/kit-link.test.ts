import { describe, expect, it } from 'vitest';
import { fromBase64Url, kitLink, kitLinkPayload, MAX_KIT_LINK_LENGTH, toBase64Url } from '../../../../src/core/annotation/kit-link';
import { readKitFile } from '../../../../src/core/annotation/kit-file';
import { deflateText, inflateText } from '../../../../src/platform/deflate';
import { kit } from './fixtures';

describe('kit links', () => {
  it('write bytes as base64url and read them back, of every length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 255);
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64Url(text)).toEqual(bytes);
    }
    expect((fromBase64Url('ab$c') as Error).message).toBe('character 3 of the link\'s kit ("$") is not base64url');
  });

  it('carry a kit compressed after the Annotate route, and it reads back as the same kit', async () => {
    const link = kitLink('https://class.example/persona-lab/#/classroom', await deflateText(JSON.stringify(kit)));
    expect(typeof link).toBe('string');
    expect(link).toMatch(/^https:\/\/class\.example\/persona-lab\/#\/annotate\?kit=[A-Za-z0-9_-]+$/);
    const payload = kitLinkPayload((link as string).split('?')[1]!);
    expect(payload).toBeInstanceOf(Uint8Array);
    const read = readKitFile('the link', await inflateText(payload as Uint8Array));
    expect(read.ok && read.kit).toEqual(kit);
    expect(kitLinkPayload('seed=1')).toBeUndefined();
  });

  it('refuse a kit too long for a link, saying to hand out the file', () => {
    const big = kitLink('https://x/', new Uint8Array(MAX_KIT_LINK_LENGTH));
    expect(big).toBeInstanceOf(Error);
    expect((big as Error).message).toMatch(/^This kit is too large for a link \([\d,]+ characters; .*\): hand out the kit file instead\.$/);
  });

  it('name a damaged link instead of opening it', async () => {
    await expect(inflateText(new Uint8Array([1, 2, 3, 4]))).rejects.toThrow();
  });
});
