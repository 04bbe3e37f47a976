import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DownloadError, downloadPromptsJsonl, type DownloadProgress } from '../../../../src/core/prompts/download';

const lines = Array.from({ length: 500 }, (_, i) =>
  JSON.stringify({
    conversation_id: `c${i}`,
    opening_prompt: `Is question ${i} worth asking at all?`,
    conversation_history: [{ content: 'x'.repeat(200) }],
  }),
);
const body = lines.join('\n') + '\n';

describe('downloadPromptsJsonl', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/conversations.jsonl') {
        res.writeHead(200, { 'content-type': 'application/jsonl', 'content-length': Buffer.byteLength(body) });
        const buf = Buffer.from(body);
        let at = 0;
        const push = () => {
          if (at >= buf.length) return res.end();
          res.write(buf.subarray(at, (at += 7000)));
          setTimeout(push, 1);
        };
        push();
      } else {
        res.writeHead(404, 'Not Found').end('missing');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('streams the file, keeps each opening_prompt and reports progress against Content-Length', async () => {
    const progress: DownloadProgress[] = [];
    const r = await downloadPromptsJsonl(`${base}/conversations.jsonl`, { onProgress: (p) => progress.push(p) });
    expect(r.prompts).toHaveLength(500);
    expect(r.prompts[42]?.text).toBe('Is question 42 worth asking at all?');
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toEqual({ received: Buffer.byteLength(body), total: Buffer.byteLength(body) });
    expect(progress.every((p, i) => i === 0 || p.received >= progress[i - 1]!.received)).toBe(true);
  });

  it('names the host when it cannot be reached', async () => {
    const err = await downloadPromptsJsonl('http://127.0.0.1:9/conversations.jsonl').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as DownloadError).kind).toBe('network');
    expect((err as DownloadError).message).toMatch(/^Could not reach 127\.0\.0\.1:9 .*import it\.$/);
  });

  it('reports an HTTP error status with the URL', async () => {
    const err = (await downloadPromptsJsonl(`${base}/nope.jsonl`).catch((e: unknown) => e)) as DownloadError;
    expect(err.kind).toBe('http');
    expect(err.status).toBe(404);
    expect(err.message).toContain(`answered 404 Not Found for ${base}/nope.jsonl`);
  });

  it('can be cancelled', async () => {
    const c = new AbortController();
    const p = downloadPromptsJsonl(`${base}/conversations.jsonl`, { signal: c.signal, onProgress: () => c.abort() });
    await expect(p).rejects.toMatchObject({ kind: 'aborted' });
  });
});
