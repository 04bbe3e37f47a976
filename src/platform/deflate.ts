/** Raw deflate of text for links (the browser's CompressionStream; no library). */

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** Compresses text (UTF-8) with raw deflate. */
export function deflateText(text: string): Promise<Uint8Array> {
  return through(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
}

/** Decompresses raw deflate to text; rejects when the bytes are not a whole deflate stream. */
export async function inflateText(bytes: Uint8Array): Promise<string> {
  return new TextDecoder('utf-8', { fatal: true }).decode(await through(bytes, new DecompressionStream('deflate-raw')));
}
