// Small geometry for the device: point in my grids (offline check), distances along a track, and
// the bounding box of grid outlines.
import type { Geometry } from '../api/field-api.ts';

type Ring = number[][];

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function polygons(g: Geometry): Ring[][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export function contains(g: Geometry, lng: number, lat: number): boolean {
  return polygons(g).some(
    (poly) =>
      poly[0] !== undefined && inRing(lng, lat, poly[0]) && !poly.slice(1).some((h) => inRing(lng, lat, h)),
  );
}

/** Great-circle distance in metres. */
export function distanceM(a: [number, number], b: [number, number]): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type BBox = [number, number, number, number];

export function bboxOf(geoms: Geometry[], extra: [number, number][] = []): BBox | null {
  let b: BBox | null = null;
  const add = (x: number, y: number) => {
    if (!b) b = [x, y, x, y];
    else b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
  };
  for (const g of geoms) for (const poly of polygons(g)) for (const [x, y] of poly[0] ?? []) add(x!, y!);
  for (const [x, y] of extra) add(x, y);
  return b;
}
