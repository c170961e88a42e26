// Seeded randomness for the demo history: a small fast PRNG (sfc32, seeded through splitmix32)
// so the same seed gives the same history, weighted tables for categories, grids and channels,
// and time-ordered UUIDs (version 7) so bulk inserts append to the id indexes instead of
// scattering over them.
import { randomBytes } from 'node:crypto';

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A seeded pseudo-random stream (sfc32): the same seed always gives the same numbers. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const mix = splitmix32(seed);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Log-uniform in [lo, hi): many short values, a few long ones. */
  logBetween(lo: number, hi: number): number {
    return lo * Math.pow(hi / lo, this.next());
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }
}

/** Items with weights, picked in O(log n) by a binary search over the cumulative weights. */
export class WeightedTable<T> {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    items.forEach((_, i) => {
      sum += Math.max(0, weights[i] ?? 0);
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  get size(): number {
    return this.items.length;
  }

  pick(rng: Rng): T {
    if (this.total <= 0) throw new RangeError('pick from a table without weight');
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

const POOL_BYTES = 10 * 4096;
let pool = Buffer.alloc(0);
let poolAt = 0;

/**
 * A version-7 UUID (RFC 9562) for the instant `ms`: 48 bits of time, then random bits. Ids of a
 * history generated in time order are ascending, so the primary key index is appended to.
 */
export function uuidV7(ms: number): string {
  if (poolAt + 10 > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolAt = 0;
  }
  const r = pool.subarray(poolAt, poolAt + 10);
  poolAt += 10;
  const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
  const hex = r.toString('hex');
  const variant = ((r[2]! & 0x3f) | 0x80).toString(16).padStart(2, '0');
  return (
    `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex.slice(0, 3)}-` +
    `${variant}${hex.slice(6, 8)}-${hex.slice(8, 20)}`
  );
}
