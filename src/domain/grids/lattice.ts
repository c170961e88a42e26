// A county rasterised onto a lattice of square cells in an equirectangular projection shared by
// the whole city (the frame), so that neighbouring counties' lattices line up exactly.
// Lattice units: x = (lng − lng0) / dLng, y = (lat − lat0) / dLat, so cell (col, row) is the
// unit square [col, col+1] × [row, row+1]; row grows northwards. A county's lattice is the window
// of the frame around it. A cell belongs to the county when its square meets the outline (centre
// inside, or an outline edge or vertex touches it).
import { bboxOf, polygonsOf, type AreaGeometry, type BBox } from '../geo/geometry.ts';

/** Metres per degree of latitude (and of longitude at the equator) used by the lattice. */
export const M_PER_DEG = 111_320;
const DEG = Math.PI / 180;
const EPS = 1e-9;

/** A polygon in lattice units: outer ring first, then holes; rings closed. */
export type LatticePolygon = number[][][];

/** The projection of one generation run: origin and cell size in degrees. */
export interface Frame {
  cellSizeM: number;
  lng0: number;
  lat0: number;
  dLng: number;
  dLat: number;
}

/** A frame covering `box` ([minLng, minLat, maxLng, maxLat]) with square cells of `cellSizeM`. */
export function frameFor([minLng, minLat, , maxLat]: BBox, cellSizeM: number): Frame {
  const dLat = cellSizeM / M_PER_DEG;
  const dLng = cellSizeM / (M_PER_DEG * Math.cos(((minLat + maxLat) / 2) * DEG));
  return {
    cellSizeM,
    lng0: (Math.floor(minLng / dLng) - 2) * dLng,
    lat0: (Math.floor(minLat / dLat) - 2) * dLat,
    dLng,
    dLat,
  };
}

export interface Lattice extends Frame {
  /** The window: frame columns c0 … c0+cols−1, rows r0 … r0+rows−1. */
  c0: number;
  r0: number;
  cols: number;
  rows: number;
  /** cols × rows, row-major: the cell id at (c0 + i, r0 + j), or −1. */
  index: Int32Array;
  /** Frame column and row of each cell. */
  col: Int32Array;
  row: Int32Array;
  /** 1 when the outline touches the cell: its part outside the county must be clipped off. */
  border: Uint8Array;
  count: number;
  /**
   * The outline in lattice units, with a vertex inserted exactly on every lattice line it crosses:
   * clipping then never computes a crossing point, so grids on either side of a lattice line share
   * their vertex on the outline bit for bit (near-coincident vertices trip polygon-clipping).
   */
  outline: LatticePolygon[];
}

/**
 * Row of the reading order for a latitude: rows of height `cellSizeM` aligned on the equator,
 * larger = further north. Grid codes are numbered by descending row, then by longitude.
 */
export function readingRow(lat: number, cellSizeM: number): number {
  return Math.floor((lat * M_PER_DEG) / cellSizeM);
}

/** Whether segment (x1,y1)–(x2,y2) meets the box [x0,x1b] × [y0,y1b] (Liang–Barsky). */
function segmentMeetsBox(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = bx - ax;
  const dy = by - ay;
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q >= 0;
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
    return true;
  };
  return clip(-dx, ax - x0) && clip(dx, x1 - ax) && clip(-dy, ay - y0) && clip(dy, y1 - ay) && t0 <= t1;
}

/**
 * A ring (lattice units) with a vertex added wherever an edge crosses a lattice line. Each point
 * is computed from the edge's lexicographically smaller end, so that an edge two counties share
 * (in either direction) yields the same points in both.
 */
function splitRing(ring: number[][]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i] as [number, number];
    const [bx, by] = ring[i + 1] as [number, number];
    out.push([ax, ay]);
    const swap = ax > bx || (ax === bx && ay > by);
    const [px, py, qx, qy] = swap ? [bx, by, ax, ay] : [ax, ay, bx, by];
    const cuts: [number, number, number][] = [];
    for (let c = Math.floor(Math.min(px, qx)) + 1; c < Math.max(px, qx); c++) {
      const t = (c - px) / (qx - px);
      cuts.push([t, c, py + t * (qy - py)]);
    }
    for (let r = Math.floor(Math.min(py, qy)) + 1; r < Math.max(py, qy); r++) {
      const t = (r - py) / (qy - py);
      cuts.push([t, px + t * (qx - px), r]);
    }
    cuts.sort((p, q) => (swap ? q[0] - p[0] : p[0] - q[0]));
    for (const [, x0, y0] of cuts) {
      // Through a lattice corner (both lines at once): the corner itself, once.
      const x = Math.abs(x0 - Math.round(x0)) < 1e-9 ? Math.round(x0) : x0;
      const y = Math.abs(y0 - Math.round(y0)) < 1e-9 ? Math.round(y0) : y0;
      const last = out[out.length - 1]!;
      if (last[0] !== x || last[1] !== y) out.push([x, y]);
    }
  }
  const end = ring[ring.length - 1];
  if (end) out.push([end[0]!, end[1]!]);
  return out;
}

/** Rasterises an outline onto the frame's cells (the window is padded by 2 cells). */
export function rasterise(outline: AreaGeometry, frame: Frame): Lattice {
  const { lng0, lat0, dLng, dLat } = frame;
  const [minLng, minLat, maxLng, maxLat] = bboxOf(outline);
  const c0 = Math.floor((minLng - lng0) / dLng) - 2;
  const r0 = Math.floor((minLat - lat0) / dLat) - 2;
  const cols = Math.ceil((maxLng - lng0) / dLng) + 3 - c0;
  const rows = Math.ceil((maxLat - lat0) / dLat) + 3 - r0;

  const lat: LatticePolygon[] = polygonsOf(outline).map((poly) =>
    poly.map((ring) => ring.map(([x, y]) => [(x - lng0) / dLng, (y - lat0) / dLat])),
  );

  // Centres inside, by even-odd scanlines through the cell centres.
  const inside = new Uint8Array(cols * rows);
  const crossings: number[][] = Array.from({ length: rows }, () => []);
  for (const poly of lat) {
    for (const ring of poly) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [ax, ay] = ring[i] as [number, number];
        const [bx, by] = ring[i + 1] as [number, number];
        if (ay === by) continue;
        const lo = Math.min(ay, by);
        const hi = Math.max(ay, by);
        for (let r = Math.ceil(lo - 0.5); r < Math.ceil(hi - 0.5); r++) {
          const yc = r + 0.5;
          crossings[r - r0]?.push(ax + ((yc - ay) * (bx - ax)) / (by - ay));
        }
      }
    }
  }
  crossings.forEach((xs, j) => {
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const c1 = Math.ceil(xs[k + 1]! - 0.5) - c0;
      for (let i = Math.ceil(xs[k]! - 0.5) - c0; i < c1; i++) inside[j * cols + i] = 1;
    }
  });

  // Cells an edge passes through or touches.
  const touched = new Uint8Array(cols * rows);
  for (const poly of lat) {
    for (const ring of poly) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [ax, ay] = ring[i] as [number, number];
        const [bx, by] = ring[i + 1] as [number, number];
        const ca = Math.floor(Math.min(ax, bx) - EPS);
        const cb = Math.floor(Math.max(ax, bx) + EPS);
        const ra = Math.floor(Math.min(ay, by) - EPS);
        const rb = Math.floor(Math.max(ay, by) + EPS);
        for (let r = ra; r <= rb; r++) {
          for (let c = ca; c <= cb; c++) {
            const k = (r - r0) * cols + (c - c0);
            if (touched[k] === 1) continue;
            if (segmentMeetsBox(ax, ay, bx, by, c - EPS, r - EPS, c + 1 + EPS, r + 1 + EPS)) touched[k] = 1;
          }
        }
      }
    }
  }

  const index = new Int32Array(cols * rows).fill(-1);
  let count = 0;
  for (let k = 0; k < cols * rows; k++) if (inside[k] === 1 || touched[k] === 1) index[k] = count++;
  const col = new Int32Array(count);
  const row = new Int32Array(count);
  const border = new Uint8Array(count);
  for (let k = 0; k < cols * rows; k++) {
    const id = index[k]!;
    if (id < 0) continue;
    col[id] = c0 + (k % cols);
    row[id] = r0 + Math.floor(k / cols);
    border[id] = touched[k]!;
  }
  const outlineSplit = lat.map((poly) => poly.map(splitRing));
  return {
    ...frame,
    c0,
    r0,
    cols,
    rows,
    index,
    col,
    row,
    border,
    count,
    outline: outlineSplit,
  };
}

/** The cell id at frame column c, row r, or −1. */
export function cellAt(l: Lattice, c: number, r: number): number {
  const i = c - l.c0;
  const j = r - l.r0;
  return i < 0 || j < 0 || i >= l.cols || j >= l.rows ? -1 : l.index[j * l.cols + i]!;
}

/** The ids of the 4 neighbours of a cell (west, east, south, north; −1 where there is none). */
export function neighbours(l: Lattice, id: number, out: Int32Array): void {
  const c = l.col[id]! - l.c0;
  const r = l.row[id]! - l.r0;
  const k = r * l.cols + c;
  out[0] = c > 0 ? l.index[k - 1]! : -1;
  out[1] = c + 1 < l.cols ? l.index[k + 1]! : -1;
  out[2] = r > 0 ? l.index[k - l.cols]! : -1;
  out[3] = r + 1 < l.rows ? l.index[k + l.cols]! : -1;
}

/** Lattice units → [lng, lat]. */
export function toLngLat(l: Lattice, x: number, y: number): [number, number] {
  return [l.lng0 + x * l.dLng, l.lat0 + y * l.dLat];
}
