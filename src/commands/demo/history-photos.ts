// Placeholder "site photos" for the demo history: a few small PNG street scenes drawn in code
// (sky, buildings, road) and stored once in the file store, content-addressed like uploads, so
// every generated report-back and verification carries a photo the console can show.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { AppContext } from '../context.ts';

/** A stored placeholder photo, to be referenced by attachment rows. */
export interface DemoPhoto {
  sha256: string;
  storageKey: string;
  sizeBytes: number;
  mediaType: 'image/png';
}

const W = 320;
const H = 240;
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const byte of b) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 320×240 street scene; `variant` shifts the colours and the buildings. */
function scene(variant: number): Buffer {
  const raw = Buffer.alloc((W * 3 + 1) * H);
  const wall = [
    [196, 170, 140],
    [170, 180, 190],
    [210, 200, 180],
    [150, 160, 150],
  ][variant % 4]!;
  for (let y = 0; y < H; y++) {
    const row = y * (W * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < W; x++) {
      const building =
        y > 40 + ((x * (variant + 3)) % 50) && y < 160 && Math.floor(x / 45) % 2 === variant % 2;
      const window = building && x % 15 < 7 && y % 20 < 9;
      let px: number[];
      if (y >= 170)
        px = (x + y) % 40 < 2 && y > 200 ? [235, 235, 235] : [95, 98, 104]; // road
      else if (y >= 160)
        px = [150, 150, 145]; // kerb
      else if (window) px = [90, 120, 150];
      else if (building) px = wall;
      else px = [135 + y / 4, 180 + y / 6, 230]; // sky
      raw.set(
        px.map((v) => Math.min(255, Math.round(v))),
        row + 1 + x * 3,
      );
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(W, 0);
  ihdr.writeUInt32BE(H, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Draws and stores the placeholder photos (idempotent: same bytes, same key). */
export async function storeDemoPhotos(ctx: AppContext, count = 4): Promise<DemoPhoto[]> {
  const out: DemoPhoto[] = [];
  for (let v = 0; v < count; v++) {
    const bytes = scene(v);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const storageKey = `${sha256.slice(0, 2)}/${sha256}.png`;
    await ctx.files.put(storageKey, bytes);
    out.push({ sha256, storageKey, sizeBytes: bytes.length, mediaType: 'image/png' });
  }
  return out;
}
