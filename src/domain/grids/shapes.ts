// From a set of lattice cells to a finished shape: traced outline, clipped to the county where
// the set has border cells, converted to [lng, lat], with its area and centroid.
import { areaM2, type AreaGeometry, type MultiPolygonCoords } from '../geo/geometry.ts';
import { asGeometry, intersectOutline, prepareOutline, type PreparedOutline } from './clip.ts';
import { toLngLat, type Lattice, type LatticePolygon } from './lattice.ts';
import { traceCells } from './trace.ts';

export interface Shape {
  geometry: AreaGeometry | undefined;
  areaM2: number;
  /** [lng, lat], area-weighted; [NaN, NaN] when empty. */
  centroid: [number, number];
}

/** Planar area-weighted centroid in lattice units (holes subtract). */
function centroidOf(polys: LatticePolygon[]): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (const poly of polys) {
    for (const ring of poly) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x0, y0] = ring[i] as [number, number];
        const [x1, y1] = ring[i + 1] as [number, number];
        const f = x0 * y1 - x1 * y0;
        a += f;
        cx += (x0 + x1) * f;
        cy += (y0 + y1) * f;
      }
    }
  }
  return a === 0 ? [NaN, NaN] : [cx / (3 * a), cy / (3 * a)];
}

const prepared = new WeakMap<Lattice, PreparedOutline>();

function toRing(l: Lattice, ring: number[][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [x, y] of ring) {
    const p = toLngLat(l, x!, y!);
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

/** The cells' union, clipped to the county outline when any of them is a border cell. */
export function cellShape(l: Lattice, cells: ArrayLike<number>): Shape {
  let polys: LatticePolygon[] = traceCells(l, cells);
  let border = false;
  for (let i = 0; i < cells.length && !border; i++) border = l.border[cells[i]!] === 1;
  if (border) {
    let outline = prepared.get(l);
    if (!outline) {
      outline = prepareOutline(l.outline);
      prepared.set(l, outline);
    }
    polys = intersectOutline(polys as [number, number][][][], outline, 1);
  }
  const coords: MultiPolygonCoords = polys.flatMap((p) => {
    const [outer, ...holes] = p.map((r) => toRing(l, r));
    return outer && outer.length >= 4 ? [[outer, ...holes.filter((h) => h.length >= 4)]] : [];
  });
  if (coords.length === 0) return { geometry: undefined, areaM2: 0, centroid: [NaN, NaN] };
  const geometry = asGeometry(coords);
  const [cx, cy] = centroidOf(polys);
  return { geometry, areaM2: areaM2(geometry), centroid: toLngLat(l, cx, cy) };
}
