/**
 * UUIDv7 ids for the rows a push writes by the thousand (history), made from one pool of
 * random bytes instead of one random-number call per id (RFC 9562 §5.7: 48-bit Unix ms
 * timestamp, version 7, 74 random bits, variant 10). Same format as `newId` (src-shared).
 */
import { randomFillSync } from 'node:crypto';

const POOL_IDS = 512;
const pool = Buffer.alloc(POOL_IDS * 10);
let used = POOL_IDS;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A new UUIDv7. */
export const fastId = (now: number = Date.now()): string => {
  if (used === POOL_IDS) {
    randomFillSync(pool);
    used = 0;
  }
  const r = used++ * 10;
  const ms = Math.max(0, Math.floor(now));
  const hi = Math.floor(ms / 0x1000000); // top 24 bits of the 48-bit timestamp
  const lo = ms % 0x1000000; // bottom 24 bits
  const b = [
    (hi >>> 16) & 0xff, (hi >>> 8) & 0xff, hi & 0xff,
    (lo >>> 16) & 0xff, (lo >>> 8) & 0xff, lo & 0xff,
    0x70 | (pool[r]! & 0x0f), pool[r + 1]!,
    0x80 | (pool[r + 2]! & 0x3f), pool[r + 3]!,
    pool[r + 4]!, pool[r + 5]!, pool[r + 6]!, pool[r + 7]!, pool[r + 8]!, pool[r + 9]!,
  ];
  const h = b.map((x) => HEX[x]!);
  return `${h[0]}${h[1]}${h[2]}${h[3]}-${h[4]}${h[5]}-${h[6]}${h[7]}-${h[8]}${h[9]}-${h[10]}${h[11]}${h[12]}${h[13]}${h[14]}${h[15]}`;
};
