// Deterministic seeds for region growing: central regions spread over the cells nearest a
// centre, the others by farthest-point sampling, then a few Lloyd iterations.
import type { RegionSpec } from './partition.ts';

/** A partition's cells with coordinates (lattice units) and local 4-neighbours. */
export interface Domain {
  m: number;
  xs: Float64Array;
  ys: Float64Array;
  /** 4 local neighbour indices per cell, −1 where none. */
  nbr: Int32Array;
}

/** Squared distance from local cell `i` to (x, y). */
export const d2 = (d: Domain, i: number, x: number, y: number): number =>
  (d.xs[i]! - x) ** 2 + (d.ys[i]! - y) ** 2;

/** Farthest-point sampling: `count` seeds from `cand`, spread away from the seeds already placed. */
function farthestPoints(d: Domain, cand: number[], placed: number[], count: number): number[] {
  const { xs, ys } = d;
  const minD = new Float64Array(cand.length).fill(Infinity);
  const update = (s: number): void => {
    const x = xs[s]!;
    const y = ys[s]!;
    for (let j = 0; j < cand.length; j++) {
      const c = cand[j]!;
      const v = (xs[c]! - x) ** 2 + (ys[c]! - y) ** 2;
      if (v < minD[j]!) minD[j] = v;
    }
  };
  placed.forEach(update);
  const out: number[] = [];
  if (placed.length === 0 && count > 0) {
    // Start from the candidate farthest from their centroid.
    const [cx, cy] = meanOf(d, cand);
    let best = 0;
    cand.forEach((c, j) => {
      if (d2(d, c, cx, cy) > d2(d, cand[best]!, cx, cy)) best = j;
    });
    out.push(cand[best]!);
    update(cand[best]!);
  }
  while (out.length < count) {
    let best = 0;
    for (let j = 1; j < cand.length; j++) if (minD[j]! > minD[best]!) best = j;
    out.push(cand[best]!);
    update(cand[best]!);
  }
  return out;
}

/** Mean position of the given local cells. */
export function meanOf(d: Domain, cells: number[]): [number, number] {
  let x = 0;
  let y = 0;
  for (const c of cells) {
    x += d.xs[c]!;
    y += d.ys[c]!;
  }
  return [x / cells.length, y / cells.length];
}

/**
 * Lloyd iterations over `cand`: every seed with `moving[r]` moves to the candidate of its Voronoi
 * cell nearest that cell's mean; the other placed seeds (≥ 0) only compete for cells.
 */
function lloyd(d: Domain, cand: number[], seeds: number[], moving: boolean[], iterations: number): void {
  const { xs, ys } = d;
  const n = seeds.length;
  const owner = new Int32Array(cand.length);
  for (let it = 0; it < iterations; it++) {
    const px = new Float64Array(n);
    const py = new Float64Array(n);
    const sx = new Float64Array(n);
    const sy = new Float64Array(n);
    const sn = new Float64Array(n);
    const live: number[] = [];
    seeds.forEach((s, r) => {
      if (s < 0) return;
      px[r] = xs[s]!;
      py[r] = ys[s]!;
      live.push(r);
    });
    for (let j = 0; j < cand.length; j++) {
      const c = cand[j]!;
      const x = xs[c]!;
      const y = ys[c]!;
      let best = -1;
      let bd = Infinity;
      for (const r of live) {
        const v = (x - px[r]!) ** 2 + (y - py[r]!) ** 2;
        if (v < bd) {
          bd = v;
          best = r;
        }
      }
      owner[j] = best;
      sx[best]! += x;
      sy[best]! += y;
      sn[best]! += 1;
    }
    const bestD = new Float64Array(n).fill(Infinity);
    for (let j = 0; j < cand.length; j++) {
      const r = owner[j]!;
      if (!moving[r]) continue;
      const c = cand[j]!;
      const v = (xs[c]! - sx[r]! / sn[r]!) ** 2 + (ys[c]! - sy[r]! / sn[r]!) ** 2;
      if (v < bestD[r]!) {
        bestD[r] = v;
        seeds[r] = c;
      }
    }
  }
}

/**
 * Seeds for the regions. Central regions take the cells nearest the centre, as many as their
 * share of the total weight, spread over them; the others spread over the rest of the candidates.
 */
export function chooseSeeds(
  d: Domain,
  cand: number[],
  specs: readonly RegionSpec[],
  centre: readonly [number, number] | undefined,
  iterations: number,
): number[] {
  const n = specs.length;
  const centralIdx = specs.flatMap((s, r) => (s.central ? [r] : []));
  const spreadIdx = specs.flatMap((s, r) => (s.central ? [] : [r]));
  const seeds = new Array<number>(n).fill(-1);
  if (centralIdx.length === 0 || spreadIdx.length === 0) {
    farthestPoints(d, cand, [], n).forEach((s, r) => (seeds[r] = s));
    lloyd(
      d,
      cand,
      seeds,
      specs.map(() => true),
      iterations,
    );
    return seeds;
  }
  const [cx, cy] = centre ?? meanOf(d, cand);
  const total = specs.reduce((a, s) => a + s.weight, 0);
  const share = centralIdx.reduce((a, r) => a + specs[r]!.weight, 0) / total;
  const poolSize = Math.max(
    centralIdx.length,
    Math.min(cand.length - spreadIdx.length, Math.round(share * cand.length)),
  );
  const pool = cand
    .map((c) => [d2(d, c, cx, cy), c] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .slice(0, poolSize)
    .map(([, c]) => c);
  const central = farthestPoints(d, pool, [], centralIdx.length);
  centralIdx.forEach((r, j) => (seeds[r] = central[j]!));
  lloyd(
    d,
    pool,
    seeds,
    specs.map((s) => s.central),
    iterations,
  );
  const inPool = new Set(pool);
  const placed = centralIdx.map((r) => seeds[r]!);
  const rest = farthestPoints(
    d,
    cand.filter((c) => !inPool.has(c)),
    placed,
    spreadIdx.length,
  );
  spreadIdx.forEach((r, j) => (seeds[r] = rest[j]!));
  lloyd(
    d,
    cand,
    seeds,
    specs.map((s) => !s.central),
    iterations,
  );
  return seeds;
}

/** Largest-remainder split of `n` among pieces proportional to their sizes (ties: earlier piece). */
export function apportion(sizes: number[], n: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const quota = sizes.map((x) => (x * n) / total);
  const k = quota.map(Math.floor);
  const order = quota
    .map((q, i) => [q - Math.floor(q), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let left = n - k.reduce((a, b) => a + b, 0), j = 0; left > 0; left--, j++) k[order[j]![1]]! += 1;
  return k;
}

/** The cell nearest the mean of `cand`. */
export function nearestToMean(d: Domain, cand: number[]): number {
  const [cx, cy] = meanOf(d, cand);
  let best = cand[0]!;
  for (const c of cand) if (d2(d, c, cx, cy) < d2(d, best, cx, cy)) best = c;
  return best;
}
