// Draws the app's install icons (public/icon-192.png, public/icon-512.png) from the shapes of
// public/favicon.svg, on a white square with the shapes inside the maskable safe zone.
// Run once after changing the favicon: `node scripts/make-icons.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

/** The favicon's shapes in its 32×32 box: colour (RGB), opacity and a test for a point. */
const SHAPES = [
  { rgb: [0x5b, 0x6e, 0xe1], a: 1, inside: (x, y) => (x - 11) ** 2 + (y - 12) ** 2 <= 36 },
  { rgb: [0xe1, 0x79, 0x5b], a: 0.85, inside: (x, y) => (x - 21) ** 2 + (y - 12) ** 2 <= 36 },
  {
    rgb: [0x3a, 0x3f, 0x58],
    a: 1,
    inside: (x, y) => {
      const cx = Math.min(Math.max(x, 8.5), 23.5);
      return y >= 20 && y <= 27 && (x - cx) ** 2 + (y - 23.5) ** 2 <= 3.5 ** 2;
    },
  },
];

/** The colour of a point of the 32×32 box over white. */
function colour(x, y) {
  let c = [255, 255, 255];
  for (const s of SHAPES) if (s.inside(x, y)) c = c.map((v, i) => v * (1 - s.a) + s.rgb[i] * s.a);
  return c;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};

/** A PNG of `size`×`size` pixels: the 32×32 box scaled into the middle 70% (the maskable safe zone), 4×4 samples a pixel. */
function icon(size) {
  const rows = [];
  const margin = size * 0.15;
  const scale = 32 / (size * 0.7);
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) {
          const c = colour((px + (sx + 0.5) / 4 - margin) * scale, (py + (sy + 0.5) / 4 - margin) * scale);
          for (let i = 0; i < 3; i++) sum[i] += c[i];
        }
      for (let i = 0; i < 3; i++) row[1 + px * 3 + i] = Math.round(sum[i] / 16);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

for (const size of [192, 512]) writeFileSync(`public/icon-${size}.png`, icon(size));
