// Draws Aftercare's icon (two soft concentric circles: a breath in, a breath out) as PNGs at every
// size the stores ask for. Run by hand when the design changes: node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const SIZES = [16, 32, 48, 96, 128];

function crc32(buffer) {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const outer = [47, 111, 98];
const inner = [251, 248, 244];
const core = [232, 162, 132];

function draw(size) {
  const samples = 4;
  return (x, y) => {
    let acc = [0, 0, 0, 0];
    for (let sy = 0; sy < samples; sy++) {
      for (let sx = 0; sx < samples; sx++) {
        const px = (x + (sx + 0.5) / samples) / size - 0.5;
        const py = (y + (sy + 0.5) / samples) / size - 0.5;
        const d = Math.hypot(px, py);
        let color = null;
        if (d <= 0.48) color = outer;
        if (d <= 0.3) color = inner;
        if (d <= 0.17) color = core;
        if (color) acc = [acc[0] + color[0], acc[1] + color[1], acc[2] + color[2], acc[3] + 255];
      }
    }
    const n = samples * samples;
    const alpha = acc[3] / n;
    if (alpha === 0) return [0, 0, 0, 0];
    const covered = acc[3] / 255;
    return [acc[0] / covered, acc[1] / covered, acc[2] / covered, alpha].map(Math.round);
  };
}

mkdirSync('public/icon', { recursive: true });
for (const size of SIZES) writeFileSync(`public/icon/${size}.png`, png(size, draw(size)));
console.log(`Wrote ${SIZES.map((s) => `public/icon/${s}.png`).join(', ')}`);
