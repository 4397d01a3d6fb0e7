// Draws the PNG app icons (public/icon-192.png, public/icon-512.png) from the same shapes as
// public/icon.svg: a rose square with a white play triangle and a live dot. Run by hand after a
// design change (`node scripts/make-icons.mjs`); the PNGs are committed.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => buf.reduce((c, b) => crcTable[(c ^ b) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff;

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
}

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel((x + 0.5) / size, (y + 0.5) / size);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// full-bleed background so the icon also works as "maskable"; shapes sit in the safe zone
function icon(u, v) {
  const white = [255, 255, 255, 255];
  const inTriangle = u >= 0.36 && u <= 0.7 && Math.abs(v - 0.5) <= (0.7 - u) * 0.62;
  if (inTriangle) return white;
  if (Math.hypot(u - 0.72, v - 0.3) <= 0.07) return [255, 214, 102, 255];
  const t = (u + v) / 2;
  return [Math.round(225 - 40 * t), Math.round(29 + 10 * t), Math.round(72 + 60 * t), 255];
}

for (const size of [192, 512]) {
  writeFileSync(new URL(`../public/icon-${size}.png`, import.meta.url), png(size, icon));
}
