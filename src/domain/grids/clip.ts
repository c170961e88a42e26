// Clipping with npm polygon-clipping, kept fast by first cutting the (large) county outline down
// to the small rectangle around the shape being clipped (Sutherland–Hodgman; its zero-width
// seams along the rectangle are harmless to the non-zero rule polygon-clipping applies).
import pc from 'polygon-clipping';
import {
  areaM2,
  bboxOf,
  polygonsOf,
  type AreaGeometry,
  type BBox,
  type MultiPolygonCoords,
} from '../geo/geometry.ts';

type Pt = [number, number];
type Poly = Pt[][];

/** One ring clipped to a rectangle (Sutherland–Hodgman); closed, or [] when nothing is left. */
export function clipRingToRect(ring: readonly (readonly number[])[], [x0, y0, x1, y1]: BBox): Pt[] {
  let pts: Pt[] = ring.map((p) => [p[0]!, p[1]!]);
  if (pts.length > 1) {
    const a = pts[0]!;
    const b = pts[pts.length - 1]!;
    if (a[0] === b[0] && a[1] === b[1]) pts.pop();
  }
  const edges: [(p: Pt) => boolean, (a: Pt, b: Pt) => Pt][] = [
    [(p) => p[0] >= x0, (a, b) => [x0, a[1] + ((x0 - a[0]) * (b[1] - a[1])) / (b[0] - a[0])]],
    [(p) => p[0] <= x1, (a, b) => [x1, a[1] + ((x1 - a[0]) * (b[1] - a[1])) / (b[0] - a[0])]],
    [(p) => p[1] >= y0, (a, b) => [a[0] + ((y0 - a[1]) * (b[0] - a[0])) / (b[1] - a[1]), y0]],
    [(p) => p[1] <= y1, (a, b) => [a[0] + ((y1 - a[1]) * (b[0] - a[0])) / (b[1] - a[1]), y1]],
  ];
  for (const [inside, cut] of edges) {
    if (pts.length === 0) break;
    const next: Pt[] = [];
    for (let i = 0; i < pts.length; i++) {
      const cur = pts[i]!;
      const prev = pts[(i + pts.length - 1) % pts.length]!;
      const ci = inside(cur);
      if (ci !== inside(prev)) next.push(cut(prev, cur));
      if (ci) next.push(cur);
    }
    pts = next;
  }
  if (pts.length < 3) return [];
  pts.push([pts[0]![0], pts[0]![1]]);
  return pts;
}

/** Polygons clipped to a rectangle, ring by ring; polygons whose outer ring vanishes are dropped. */
export function clipPolygonsToRect(
  polys: readonly (readonly (readonly (readonly number[])[])[])[],
  rect: BBox,
): Poly[] {
  const out: Poly[] = [];
  for (const poly of polys) {
    const outer = poly[0];
    if (!outer) continue;
    const o = clipRingToRect(outer, rect);
    if (o.length === 0) continue;
    const rings = [o];
    for (let h = 1; h < poly.length; h++) {
      const r = clipRingToRect(poly[h]!, rect);
      if (r.length > 0) rings.push(r);
    }
    out.push(rings);
  }
  return out;
}

function bboxOfPolys(polys: readonly (readonly (readonly (readonly number[])[])[])[]): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polys) {
    for (const p of poly[0] ?? []) {
      b[0] = Math.min(b[0], p[0]!);
      b[1] = Math.min(b[1], p[1]!);
      b[2] = Math.max(b[2], p[0]!);
      b[3] = Math.max(b[3], p[1]!);
    }
  }
  return b;
}

const CHUNK = 32;

interface PreparedRing {
  pts: Pt[];
  /** Per chunk of CHUNK consecutive vertices: minX, minY, maxX, maxY. */
  boxes: Float64Array;
  box: BBox;
}

/** An outline ready for repeated clipping to small rectangles. */
export type PreparedOutline = PreparedRing[][];

function prepareRing(ring: readonly (readonly number[])[]): PreparedRing {
  const pts: Pt[] = ring.map((p) => [p[0]!, p[1]!]);
  const n = Math.ceil(pts.length / CHUNK);
  const boxes = new Float64Array(4 * n);
  for (let k = 0; k < n; k++) {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let i = k * CHUNK; i < Math.min(pts.length, (k + 1) * CHUNK); i++) {
      const [x, y] = pts[i]!;
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x > x1) x1 = x;
      if (y > y1) y1 = y;
    }
    boxes.set([x0, y0, x1, y1], 4 * k);
  }
  return { pts, boxes, box: bboxOfPolys([[ring]]) };
}

/** Indexes an outline (polygons of rings) by chunks of vertices, for {@link intersectOutline}. */
export function prepareOutline(
  polys: readonly (readonly (readonly (readonly number[])[])[])[],
): PreparedOutline {
  return polys.map((poly) => poly.map(prepareRing));
}

/**
 * The ring with every chunk of vertices that lies wholly beyond one side of the rectangle
 * replaced by its first and last vertex: the chord stays beyond that side, so clipping to the
 * rectangle gives the same result from far fewer vertices.
 */
function reduceRing(r: PreparedRing, [x0, y0, x1, y1]: BBox): Pt[] | undefined {
  const [bx0, by0, bx1, by1] = r.box;
  if (bx1 < x0 || bx0 > x1 || by1 < y0 || by0 > y1) return undefined;
  if (bx0 >= x0 && bx1 <= x1 && by0 >= y0 && by1 <= y1) return r.pts;
  const out: Pt[] = [];
  const b = r.boxes;
  const n = b.length / 4;
  for (let k = 0; k < n; k++) {
    const start = k * CHUNK;
    const end = Math.min(r.pts.length, start + CHUNK) - 1;
    const away = b[4 * k + 2]! < x0 || b[4 * k]! > x1 || b[4 * k + 3]! < y0 || b[4 * k + 1]! > y1;
    if (away) {
      out.push(r.pts[start]!);
      if (end > start) out.push(r.pts[end]!);
    } else for (let i = start; i <= end; i++) out.push(r.pts[i]!);
  }
  return out;
}

const snap = (polys: Poly[], step: number): Poly[] =>
  polys.map((p) =>
    p.map((r) => r.map(([x, y]) => [Math.round(x / step) * step, Math.round(y / step) * step] as Pt)),
  );

/**
 * Runs a polygon-clipping operation; polygon-clipping 0.15 can fail ("Unable to find segment …
 * in SweepLine tree") when a vertex lies within rounding error of another polygon's edge, so on
 * failure it retries on inputs snapped to ever coarser steps (1e-9 … 1e-5 of the coordinates' unit).
 */
export function robustly(op: (a: Poly[], b: Poly[]) => Poly[], a: Poly[], b: Poly[]): Poly[] {
  try {
    return op(a, b);
  } catch (first) {
    for (const step of [1e-9, 1e-7, 1e-5]) {
      try {
        return op(snap(a, step), snap(b, step));
      } catch {
        // try a coarser step
      }
    }
    throw first;
  }
}

/** A prepared outline cut to a rectangle (with zero-width seams along the rectangle's sides). */
export function clipPreparedToRect(outline: PreparedOutline, rect: BBox): Poly[] {
  const cut: Poly[] = [];
  for (const poly of outline) {
    const outer = poly[0] && reduceRing(poly[0], rect);
    const o = outer ? clipRingToRect(outer, rect) : [];
    if (o.length === 0) continue;
    const rings = [o];
    for (let h = 1; h < poly.length; h++) {
      const red = reduceRing(poly[h]!, rect);
      const r = red ? clipRingToRect(red, rect) : [];
      if (r.length > 0) rings.push(r);
    }
    cut.push(rings);
  }
  return cut;
}

/**
 * `shape` ∩ `outline` (same planar coordinates); the outline is first cut to the shape's
 * bounding box grown by `margin`.
 */
export function intersectOutline(shape: Poly[], outline: PreparedOutline, margin: number): Poly[] {
  if (shape.length === 0) return [];
  const b = bboxOfPolys(shape);
  const cut = clipPreparedToRect(outline, [b[0] - margin, b[1] - margin, b[2] + margin, b[3] + margin]);
  return cut.length === 0 ? [] : robustly((a, b) => pc.intersection(a, b), shape, cut);
}

function bboxesMeet(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

function toPolys(g: AreaGeometry): Poly[] {
  return polygonsOf(g).map((p) => p.map((r) => r.map(([x, y]) => [x, y] as Pt)));
}

/** A MultiPolygon as the simplest AreaGeometry (a Polygon when there is one). */
export function asGeometry(m: MultiPolygonCoords): AreaGeometry {
  return m.length === 1 ? { type: 'Polygon', coordinates: m[0]! } : { type: 'MultiPolygon', coordinates: m };
}

/**
 * Makes outlines pairwise disjoint: where two overlap (sloppy shared borders in the source data),
 * the earlier keeps the overlap; an outline wholly inside earlier ones becomes undefined.
 * Returns the new outlines and one note per overlap removed.
 */
export function disjointOutlines(
  outlines: readonly AreaGeometry[],
  names: readonly string[],
): { outlines: (AreaGeometry | undefined)[]; notes: string[] } {
  const res: (AreaGeometry | undefined)[] = outlines.slice();
  const notes: string[] = [];
  const TILES = 8;
  const prepared: PreparedOutline[] = [];
  for (let j = 0; j < res.length; j++) {
    for (let i = 0; i < j; i++) {
      const gi = res[i];
      const gj = res[j];
      if (!gi || !gj) continue;
      const bi = bboxOf(gi);
      const bj = bboxOf(gj);
      if (!bboxesMeet(bi, bj)) continue;
      // Tile the common box: only tiles where both outlines are present can hold an overlap,
      // and each tile's intersection sees only the few vertices inside it.
      const pi = (prepared[i] ??= prepareOutline(polygonsOf(gi)));
      const pj = prepareOutline(polygonsOf(gj));
      const [x0, y0, x1, y1] = [
        Math.max(bi[0], bj[0]),
        Math.max(bi[1], bj[1]),
        Math.min(bi[2], bj[2]),
        Math.min(bi[3], bj[3]),
      ];
      const overlap: Poly[] = [];
      for (let ty = 0; ty < TILES; ty++) {
        for (let tx = 0; tx < TILES; tx++) {
          const rect: BBox = [
            x0 + ((x1 - x0) * tx) / TILES,
            y0 + ((y1 - y0) * ty) / TILES,
            x0 + ((x1 - x0) * (tx + 1)) / TILES,
            y0 + ((y1 - y0) * (ty + 1)) / TILES,
          ];
          const a = clipPreparedToRect(pi, rect);
          const b = a.length > 0 ? clipPreparedToRect(pj, rect) : [];
          if (b.length > 0) overlap.push(...robustly((p, q) => pc.intersection(p, q), a, b));
        }
      }
      if (overlap.length === 0) continue;
      const m2 = areaM2({ type: 'MultiPolygon', coordinates: overlap });
      const rest = robustly((p, q) => pc.difference(p, ...q.map((x) => [x])), toPolys(gj), overlap);
      res[j] = rest.length > 0 ? asGeometry(rest) : undefined;
      notes.push(
        rest.length > 0
          ? `outlines of ${names[i]} and ${names[j]} overlap by ${m2.toFixed(0)} m²: given to ${names[i]}`
          : `outline of ${names[j]} lies within ${names[i]}: no grids`,
      );
    }
  }
  return { outlines: res, notes };
}
