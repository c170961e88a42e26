// grid: lookups/s of the point → grid index over random points in the demo city (Zhangzhou),
// against a naive baseline (linear scan with the same point-in-polygon) measured in the same run.
// Builds its own grids in memory (no database, never ./data).
import { bboxOf } from '../src/domain/geo/geometry.ts';
import { SpatialIndex, linearFind, type IndexedShape } from '../src/domain/geo/spatial-index.ts';
import { generateGrids } from '../src/domain/grids/generate-grids.ts';
import { loadCityGridInput } from '../src/store/reference/city-outlines.ts';
import type { BenchOptions, BenchResult } from './run.ts';

/** Deterministic PRNG (mulberry32) so every run draws the same points. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function gridBench(o: BenchOptions): Promise<BenchResult> {
  const t0 = Date.now();
  const { input } = loadCityGridInput('3506');
  const city = generateGrids(input);
  const shapes: IndexedShape<string>[] = city.grids.map((g) => ({ item: g.code, geometry: g.geometry }));
  console.error(`generated ${shapes.length} grids in ${Date.now() - t0} ms`);
  const tb = performance.now();
  const index = SpatialIndex.build(shapes);
  const buildMs = performance.now() - tb;

  // Points: uniform over the city's bounding box, kept only where they fall in a grid, so every
  // lookup does the full work (tree walk + exact test); misses (sea, neighbours) are cheaper.
  const boxes = shapes.map((s) => bboxOf(s.geometry));
  const minX = Math.min(...boxes.map((b) => b[0]));
  const minY = Math.min(...boxes.map((b) => b[1]));
  const maxX = Math.max(...boxes.map((b) => b[2]));
  const maxY = Math.max(...boxes.map((b) => b[3]));
  const n = o.quick ? 200_000 : 1_000_000;
  const rand = rng(20261123);
  const pts = new Float64Array(n * 2);
  const mixed = new Float64Array(n * 2);
  for (let i = 0, k = 0; k < n; i++) {
    const x = minX + (maxX - minX) * rand();
    const y = minY + (maxY - minY) * rand();
    if (i < n) {
      mixed[2 * i] = x;
      mixed[2 * i + 1] = y;
    }
    if (index.find(x, y) === undefined) continue;
    pts[2 * k] = x;
    pts[2 * k + 1] = y;
    k++;
  }
  // Warm up, then measure the best of 3 passes.
  let hits = 0;
  for (let i = 0; i < Math.min(n, 100_000); i++)
    if (index.find(pts[2 * i]!, pts[2 * i + 1]!) !== undefined) hits++;
  if (hits !== Math.min(n, 100_000)) throw new Error('index lost a point it found before');
  let best = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    hits = 0;
    const t = performance.now();
    for (let i = 0; i < n; i++) if (index.find(pts[2 * i]!, pts[2 * i + 1]!) !== undefined) hits++;
    best = Math.min(best, performance.now() - t);
  }
  const lookupsPerS = n / (best / 1000);
  console.error(`index: ${n} lookups (all inside a grid) in ${best.toFixed(0)} ms`);
  let mixedHits = 0;
  const tm = performance.now();
  for (let i = 0; i < n; i++) if (index.find(mixed[2 * i]!, mixed[2 * i + 1]!) !== undefined) mixedHits++;
  const mixedPerS = n / ((performance.now() - tm) / 1000);
  console.error(
    `index: ${n} lookups uniform over the bbox (hit rate ${(mixedHits / n).toFixed(3)}): ${Math.round(mixedPerS)}/s`,
  );

  const sample = o.quick ? 200 : 1_000;
  let agree = 0;
  const tl = performance.now();
  for (let i = 0; i < sample; i++) {
    const got = linearFind(shapes, pts[2 * i]!, pts[2 * i + 1]!);
    if (got === index.find(pts[2 * i]!, pts[2 * i + 1]!)) agree++;
  }
  const baseMs = performance.now() - tl;
  const baselinePerS = sample / (baseMs / 1000);
  console.error(
    `baseline: ${sample} linear lookups in ${baseMs.toFixed(0)} ms; index agrees on ${agree}/${sample}`,
  );
  return {
    bench: 'grid',
    metrics: {
      lookups_per_s: Math.round(lookupsPerS),
      baseline_lookups_per_s: Math.round(baselinePerS),
      ratio: Math.round((lookupsPerS / baselinePerS) * 10) / 10,
      grids: shapes.length,
      points: n,
      mixed_lookups_per_s: Math.round(mixedPerS),
      mixed_hit_rate: Math.round((mixedHits / n) * 1000) / 1000,
      build_ms: Math.round(buildMs),
      baseline_agreement: agree / sample,
    },
    targets: { lookups_per_s: '>=1000000' },
  };
}
