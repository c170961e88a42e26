// Validation of imported grid polygons (GeoJSON Polygon / MultiPolygon in WGS-84): every problem is
// reported as a FieldIssue with a JSON-path-like field (`${field}.coordinates[0][3]`) and a reason in
// zh-CN and en, so an import can list all of them at once.
//
// Self-intersection is found with a sort-by-minX sweep over the edges of a polygon (all its rings at
// once), so rings with thousands of vertices cost about O(n log n), not O(n²).
import polygonClipping from 'polygon-clipping';
import type { FieldIssue } from '../errors.ts';
import {
  areaM2,
  bboxOf,
  pointInRing,
  polygonsOf,
  type AreaGeometry,
  type Position,
  type Ring,
} from './geometry.ts';

/** Two grids whose intersection is at most this many square metres are not considered overlapping. */
export const OVERLAP_TOLERANCE_M2 = 1;

/** A ring whose area is below this many square metres is degenerate (all points on a line). */
const ZERO_AREA_M2 = 0.01;

/** At most this many bad coordinates are listed per ring; the rest are counted in one issue. */
const MAX_COORD_ISSUES_PER_RING = 5;

const M_PER_DEG = 111_319.49;

/**
 * Every problem with a GeoJSON Polygon/MultiPolygon, as FieldIssues under `field`: wrong shape or type,
 * short, unclosed, non-numeric or out-of-range rings, self-intersection, zero area, holes outside or
 * crossing their shell. An empty array means the geometry is valid.
 */
export function validateAreaGeometry(g: unknown, field: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (typeof g !== 'object' || g === null || Array.isArray(g)) {
    issues.push({
      field,
      zh: '必须是 GeoJSON 面对象（Polygon 或 MultiPolygon）',
      en: 'Must be a GeoJSON Polygon or MultiPolygon object',
    });
    return issues;
  }
  const obj = g as Record<string, unknown>;
  const type = obj['type'];
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    issues.push({
      field: `${field}.type`,
      zh: `几何类型必须是 Polygon 或 MultiPolygon，而不是 ${JSON.stringify(type) ?? 'undefined'}`,
      en: `Geometry type must be Polygon or MultiPolygon, not ${JSON.stringify(type) ?? 'undefined'}`,
    });
    return issues;
  }
  const coords = obj['coordinates'];
  const path = `${field}.coordinates`;
  if (!Array.isArray(coords)) {
    issues.push({ field: path, zh: '缺少坐标数组', en: 'coordinates must be an array' });
    return issues;
  }
  if (type === 'Polygon') {
    validatePolygon(coords, path, issues);
  } else if (coords.length === 0) {
    issues.push({
      field: path,
      zh: 'MultiPolygon 至少需要一个面',
      en: 'A MultiPolygon needs at least one polygon',
    });
  } else {
    coords.forEach((poly, k) => validatePolygon(poly, `${path}[${k}]`, issues));
  }
  return issues;
}

/** True when the closed ring crosses or touches itself (including spikes that double back). */
export function ringSelfIntersects(ring: Ring): boolean {
  const clean = cleanRing(ring);
  if (clean.pts.length < 3) return true;
  let found = false;
  sweepEdges([clean], () => {
    found = true;
    return true;
  });
  return found;
}

/**
 * True when the interiors of a and b share more than OVERLAP_TOLERANCE_M2 (1 m²); grids that only
 * touch along an edge do not overlap. Inputs should already pass validateAreaGeometry.
 */
export function geometriesOverlap(a: AreaGeometry, b: AreaGeometry): boolean {
  const ba = bboxOf(a);
  const bb = bboxOf(b);
  if (ba[0] >= bb[2] || bb[0] >= ba[2] || ba[1] >= bb[3] || bb[1] >= ba[3]) return false;
  const inter = polygonClipping.intersection(toClip(a), toClip(b));
  return inter.length > 0 && areaM2({ type: 'MultiPolygon', coordinates: inter }) > OVERLAP_TOLERANCE_M2;
}

function toClip(g: AreaGeometry): [number, number][][][] {
  return polygonsOf(g).map((poly) => poly.map((ring) => ring.map(([x, y]): [number, number] => [x, y])));
}

// ---------------------------------------------------------------------------------------------------
// Polygon and ring checks

function validatePolygon(poly: unknown, path: string, issues: FieldIssue[]): void {
  if (!Array.isArray(poly)) {
    issues.push({ field: path, zh: '面必须是线环数组', en: 'A polygon must be an array of rings' });
    return;
  }
  if (poly.length === 0) {
    issues.push({ field: path, zh: '面至少需要一个外环', en: 'A polygon needs an outer ring' });
    return;
  }
  // Rings that are structurally sound (numeric, closed, >= 4 positions) take part in the geometric checks.
  const rings: (CleanRing | null)[] = poly.map((ring, r) => validateRing(ring, `${path}[${r}]`, issues));

  const usable: CleanRing[] = [];
  const usableIndex: number[] = [];
  rings.forEach((ring, r) => {
    if (ring && ring.pts.length >= 3) {
      usable.push(ring);
      usableIndex.push(r);
    }
  });

  // One sweep over all edges of the polygon: the first self-intersection of each ring and the first
  // crossing of each pair of rings.
  const selfHit = new Map<number, [number, number]>();
  const crossHit = new Map<string, [number, number, number, number]>();
  sweepEdges(usable, (ra, ka, rb, kb) => {
    if (ra === rb) {
      if (!selfHit.has(ra)) selfHit.set(ra, ka < kb ? [ka, kb] : [kb, ka]);
    } else {
      const [r1, k1, r2, k2] = ra < rb ? [ra, ka, rb, kb] : [rb, kb, ra, ka];
      const key = `${r1},${r2}`;
      if (!crossHit.has(key)) crossHit.set(key, [r1, k1, r2, k2]);
    }
    return false;
  });

  rings.forEach((ring, r) => {
    if (!ring) return;
    const ringPath = `${path}[${r}]`;
    const u = usableIndex.indexOf(r);
    const hit = u >= 0 ? selfHit.get(u) : undefined;
    if (hit) {
      const ia = ring.orig[hit[0]]!;
      const ib = ring.orig[hit[1]]!;
      const at = fmt(ring.pts[hit[1]]!);
      issues.push({
        field: ringPath,
        zh: `线环自相交：从第 ${ia} 个坐标出发的边与从第 ${ib} 个坐标出发的边相交或重叠（约在 ${at}）`,
        en: `The ring intersects itself: the edges from positions ${ia} and ${ib} cross or touch (near ${at})`,
      });
    }
    if (planarAreaM2(ring.pts) < ZERO_AREA_M2) {
      issues.push({
        field: ringPath,
        zh: '线环面积为零（各点共线或重合）',
        en: 'The ring has zero area (its points are collinear or coincide)',
      });
    }
  });

  // Holes must lie inside their shell.
  const shell = rings[0];
  if (!shell || shell.pts.length < 3) return;
  const shellU = usableIndex.indexOf(0);
  for (let h = 1; h < rings.length; h++) {
    const hole = rings[h];
    if (!hole || hole.pts.length < 3) continue;
    const holePath = `${path}[${h}]`;
    const holeU = usableIndex.indexOf(h);
    const cross = crossHit.get(`${shellU},${holeU}`);
    if (cross) {
      issues.push({
        field: holePath,
        zh: `内环（洞）与外环 ${path}[0] 相交，洞必须位于外环之内`,
        en: `The hole crosses the outer ring ${path}[0]; holes must lie inside it`,
      });
      continue;
    }
    const otherHole = [...crossHit.values()].find(([r1, , r2]) => r2 === holeU && r1 !== shellU);
    if (otherHole) {
      const other = `${path}[${usableIndex[otherHole[0]]!}]`;
      issues.push({
        field: holePath,
        zh: `内环（洞）与另一个内环 ${other} 相交`,
        en: `The hole crosses another hole, ${other}`,
      });
    }
    // No crossing: the hole is wholly inside or wholly outside; any vertex off the shell's outline decides.
    const probe = hole.pts.find((p) => !onRing(p, shell.pts));
    if (probe && !pointInRing(probe[0], probe[1], closed(shell.pts))) {
      issues.push({
        field: holePath,
        zh: `内环（洞）位于外环 ${path}[0] 之外`,
        en: `The hole lies outside the outer ring ${path}[0]`,
      });
    }
  }
}

/** Distinct consecutive vertices of a closed ring (closing repeat dropped) and their original indices. */
interface CleanRing {
  pts: Position[];
  orig: number[];
}

/** Checks one ring's structure; returns it cleaned when geometric checks can run, else null. */
function validateRing(ring: unknown, path: string, issues: FieldIssue[]): CleanRing | null {
  if (!Array.isArray(ring)) {
    issues.push({ field: path, zh: '线环必须是坐标数组', en: 'A ring must be an array of positions' });
    return null;
  }
  let bad = 0;
  const pts: Position[] = [];
  ring.forEach((p: unknown, i) => {
    const problem = positionProblem(p);
    if (problem) {
      if (bad < MAX_COORD_ISSUES_PER_RING) issues.push({ field: `${path}[${i}]`, ...problem });
      bad++;
    } else {
      const [x, y] = p as [number, number];
      pts.push([x, y]);
    }
  });
  if (bad > MAX_COORD_ISSUES_PER_RING) {
    const more = bad - MAX_COORD_ISSUES_PER_RING;
    issues.push({ field: path, zh: `另有 ${more} 个坐标有误`, en: `${more} more invalid positions` });
  }
  if (bad > 0) return null;
  if (pts.length < 4) {
    issues.push({
      field: path,
      zh: `线环至少需要 4 个坐标点（首尾相同），实际只有 ${pts.length} 个`,
      en: `A ring needs at least 4 positions (first = last), found ${pts.length}`,
    });
    return null;
  }
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    issues.push({
      field: path,
      zh: '线环未闭合：首尾坐标必须相同',
      en: 'The ring is not closed: the first and last positions must be equal',
    });
    return null;
  }
  return cleanRing(pts);
}

function positionProblem(p: unknown): { zh: string; en: string } | null {
  if (
    !Array.isArray(p) ||
    p.length < 2 ||
    p.length > 3 ||
    !p.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    return { zh: '坐标必须是 [经度, 纬度] 数字对', en: 'A position must be a [lng, lat] pair of numbers' };
  }
  const [x, y] = p as number[];
  if (x! < -180 || x! > 180)
    return { zh: '经度超出 -180 到 180 的范围', en: 'Longitude is outside -180..180' };
  if (y! < -90 || y! > 90) return { zh: '纬度超出 -90 到 90 的范围', en: 'Latitude is outside -90..90' };
  return null;
}

function cleanRing(ring: Ring): CleanRing {
  const pts: Position[] = [];
  const orig: number[] = [];
  const n = ring.length;
  const first = ring[0];
  const last = ring[n - 1];
  // Drop the closing repeat; an unclosed ring is treated as implicitly closed.
  const end = n > 1 && first && last && first[0] === last[0] && first[1] === last[1] ? n - 1 : n;
  for (let i = 0; i < end; i++) {
    const p = ring[i]!;
    const prev = pts[pts.length - 1];
    if (prev && prev[0] === p[0] && prev[1] === p[1]) continue;
    pts.push(p);
    orig.push(i);
  }
  while (pts.length > 1) {
    const a = pts[0]!;
    const z = pts[pts.length - 1]!;
    if (a[0] !== z[0] || a[1] !== z[1]) break;
    pts.pop();
    orig.pop();
  }
  return { pts, orig };
}

function closed(pts: Position[]): Position[] {
  return [...pts, pts[0]!];
}

/** Planar (equirectangular) area of an open vertex list, in m²; relative to the first vertex for precision. */
function planarAreaM2(pts: Position[]): number {
  const o = pts[0];
  if (!o) return 0;
  let s = 0;
  for (let i = 1; i + 1 < pts.length; i++) {
    const a = pts[i]!;
    const b = pts[i + 1]!;
    s += (a[0] - o[0]) * (b[1] - o[1]) - (b[0] - o[0]) * (a[1] - o[1]);
  }
  let minY = o[1];
  let maxY = o[1];
  for (const p of pts) {
    if (p[1] < minY) minY = p[1];
    if (p[1] > maxY) maxY = p[1];
  }
  const k = M_PER_DEG * M_PER_DEG * Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  return Math.abs(s / 2) * k;
}

function onRing(p: Position, pts: Position[]): boolean {
  for (let i = 0, n = pts.length; i < n; i++) {
    const a = pts[i]!;
    const b = pts[(i + 1) % n]!;
    if (orient(a[0], a[1], b[0], b[1], p[0], p[1]) === 0 && inSpan(a[0], a[1], b[0], b[1], p[0], p[1])) {
      return true;
    }
  }
  return false;
}

function fmt(p: Position): string {
  return `${p[0].toFixed(6)}, ${p[1].toFixed(6)}`;
}

// ---------------------------------------------------------------------------------------------------
// Edge sweep

/**
 * Calls visit(ringA, edgeA, ringB, edgeB) for each conflicting pair of edges, until visit returns true.
 * Edge k of a ring joins pts[k] to pts[k+1] (wrapping). Within one ring, non-adjacent edges conflict if
 * they share any point and adjacent edges if they double back over each other; edges of different rings
 * conflict if they properly cross or overlap along a stretch (touching at a point is allowed).
 */
function sweepEdges(
  rings: CleanRing[],
  visit: (ra: number, ka: number, rb: number, kb: number) => boolean,
): void {
  let total = 0;
  for (const r of rings) total += r.pts.length;
  const ax = new Float64Array(total);
  const ay = new Float64Array(total);
  const bx = new Float64Array(total);
  const by = new Float64Array(total);
  const ringOf = new Int32Array(total);
  const edgeOf = new Int32Array(total);
  const edgeCount = rings.map((r) => r.pts.length);
  let e = 0;
  rings.forEach((ring, r) => {
    const n = ring.pts.length;
    for (let k = 0; k < n; k++) {
      const p = ring.pts[k]!;
      const q = ring.pts[(k + 1) % n]!;
      ax[e] = p[0];
      ay[e] = p[1];
      bx[e] = q[0];
      by[e] = q[1];
      ringOf[e] = r;
      edgeOf[e] = k;
      e++;
    }
  });
  const minX = (i: number): number => Math.min(ax[i]!, bx[i]!);
  const order = Array.from({ length: total }, (_, i) => i).sort((i, j) => minX(i) - minX(j));

  for (let s = 0; s < total; s++) {
    const i = order[s]!;
    const iMaxX = Math.max(ax[i]!, bx[i]!);
    const iMinY = Math.min(ay[i]!, by[i]!);
    const iMaxY = Math.max(ay[i]!, by[i]!);
    for (let t = s + 1; t < total; t++) {
      const j = order[t]!;
      if (minX(j) > iMaxX) break;
      if (Math.min(ay[j]!, by[j]!) > iMaxY || Math.max(ay[j]!, by[j]!) < iMinY) continue;
      const ri = ringOf[i]!;
      const rj = ringOf[j]!;
      const ki = edgeOf[i]!;
      const kj = edgeOf[j]!;
      let conflict: boolean;
      if (ri !== rj) {
        conflict = segmentsCross(ax[i]!, ay[i]!, bx[i]!, by[i]!, ax[j]!, ay[j]!, bx[j]!, by[j]!);
      } else {
        const n = edgeCount[ri]!;
        if ((ki + 1) % n === kj) {
          conflict = doublesBack(ax[i]!, ay[i]!, bx[i]!, by[i]!, bx[j]!, by[j]!);
        } else if ((kj + 1) % n === ki) {
          conflict = doublesBack(ax[j]!, ay[j]!, bx[j]!, by[j]!, bx[i]!, by[i]!);
        } else {
          conflict = segmentsTouch(ax[i]!, ay[i]!, bx[i]!, by[i]!, ax[j]!, ay[j]!, bx[j]!, by[j]!);
        }
      }
      if (conflict && visit(ri, ki, rj, kj)) return;
    }
  }
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** For p collinear with a-b: whether p lies within the segment's extent. */
function inSpan(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
}

/** Segments a-b and c-d share at least one point. */
function segmentsTouch(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true;
  return (
    (o1 === 0 && inSpan(ax, ay, bx, by, cx, cy)) ||
    (o2 === 0 && inSpan(ax, ay, bx, by, dx, dy)) ||
    (o3 === 0 && inSpan(cx, cy, dx, dy, ax, ay)) ||
    (o4 === 0 && inSpan(cx, cy, dx, dy, bx, by))
  );
}

/** Segments a-b and c-d cross at an interior point of both, or overlap along a stretch of positive length. */
function segmentsCross(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  if (o1 === 0 && o2 === 0) {
    // Collinear: measure the overlap along the longer axis of a-b.
    const useX = Math.abs(bx - ax) >= Math.abs(by - ay);
    const [p1, p2, q1, q2] = useX ? [ax, bx, cx, dx] : [ay, by, cy, dy];
    return Math.min(Math.max(p1, p2), Math.max(q1, q2)) - Math.max(Math.min(p1, p2), Math.min(q1, q2)) > 0;
  }
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  return ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
}

/** Adjacent edges u-v and v-w fold back over each other (a spike): collinear and w on the u side of v. */
function doublesBack(ux: number, uy: number, vx: number, vy: number, wx: number, wy: number): boolean {
  return orient(ux, uy, vx, vy, wx, wy) === 0 && (ux - vx) * (wx - vx) + (uy - vy) * (wy - vy) > 0;
}
