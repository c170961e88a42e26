// The outline of a set of lattice cells as polygons: boundary edges of the union, chained into
// rings (counter-clockwise outer rings, clockwise holes), collinear vertices dropped. Cells that
// touch only at a corner become separate rings (the chain turns left at such a vertex).
import { pointInRing, ringSignedArea } from '../geo/geometry.ts';
import { cellAt, type Lattice, type LatticePolygon } from './lattice.ts';

// Directions: 0 east, 1 north, 2 west, 3 south.
const DX: readonly number[] = [1, 0, -1, 0];
const DY: readonly number[] = [0, 1, 0, -1];

/** Polygons (lattice units, integer vertices) covering exactly the given cells. */
export function traceCells(l: Lattice, cells: ArrayLike<number>): LatticePolygon[] {
  const member = new Set<number>();
  for (let i = 0; i < cells.length; i++) member.add(cells[i]!);
  const has = (c: number, r: number): boolean => {
    const id = cellAt(l, c, r);
    return id >= 0 && member.has(id);
  };
  const W = l.c0 + l.cols + 1;
  // Outgoing boundary edges per vertex (key = y * W + x): up to two directions.
  const out = new Map<number, number[]>();
  const starts: number[] = [];
  const add = (x: number, y: number, dir: number): void => {
    const key = y * W + x;
    const list = out.get(key);
    if (list) list.push(dir);
    else out.set(key, [dir]);
    starts.push(key * 4 + dir);
  };
  const sorted = Array.from(member).sort((a, b) => a - b);
  for (const id of sorted) {
    const c = l.col[id]!;
    const r = l.row[id]!;
    if (!has(c, r - 1)) add(c, r, 0); // south side, heading east
    if (!has(c + 1, r)) add(c + 1, r, 1); // east side, heading north
    if (!has(c, r + 1)) add(c + 1, r + 1, 2); // north side, heading west
    if (!has(c - 1, r)) add(c, r + 1, 3); // west side, heading south
  }

  const used = new Set<number>();
  const rings: number[][][] = [];
  for (const start of starts) {
    if (used.has(start)) continue;
    const ring: number[][] = [];
    let key = Math.floor(start / 4);
    let dir = start % 4;
    let prevDir = -1;
    for (;;) {
      const e = key * 4 + dir;
      if (used.has(e)) break;
      used.add(e);
      const x = key % W;
      const y = Math.floor(key / W);
      if (dir !== prevDir) ring.push([x, y]);
      prevDir = dir;
      const nx = x + DX[dir]!;
      const ny = y + DY[dir]!;
      key = ny * W + nx;
      const options = out.get(key) ?? [];
      const left = (dir + 1) % 4;
      const next =
        options.length > 1 && options.includes(left) ? left : options.find((o) => !used.has(key * 4 + o));
      if (next === undefined) break;
      dir = next;
    }
    // Closing vertex: drop the start if it is collinear with the last edge.
    const first = ring[0]!;
    if (ring.length > 1 && prevDir === start % 4) ring.shift();
    const head = ring[0] ?? first;
    ring.push([head[0]!, head[1]!]);
    if (ring.length >= 4) rings.push(ring);
  }

  const outers: { ring: number[][]; area: number; holes: number[][][] }[] = [];
  const holes: number[][][] = [];
  for (const ring of rings) {
    const a = ringSignedArea(ring as [number, number][]);
    if (a > 0) outers.push({ ring, area: a, holes: [] });
    else holes.push(ring);
  }
  outers.sort((p, q) => p.area - q.area);
  for (const hole of holes) {
    // A point just right of the hole's first edge: the centre of a cell outside the set.
    const [ax, ay] = hole[0] as [number, number];
    const [bx, by] = hole[1] as [number, number];
    const dx = Math.sign(bx - ax);
    const dy = Math.sign(by - ay);
    const px = ax + dx * 0.5 + dy * 0.5;
    const py = ay + dy * 0.5 - dx * 0.5;
    const owner = outers.find((o) => pointInRing(px, py, o.ring as [number, number][]));
    owner?.holes.push(hole);
  }
  // Outer rings back in a stable order: by their lowest-left vertex.
  const keyOf = (r: number[][]): number => Math.min(...r.map(([x, y]) => y! * W + x!));
  return outers
    .sort((p, q) => keyOf(p.ring) - keyOf(q.ring))
    .map((o) => [o.ring, ...o.holes.sort((p, q) => keyOf(p) - keyOf(q))]);
}
