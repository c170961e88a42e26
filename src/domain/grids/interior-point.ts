// A point guaranteed inside an area (not just its centroid, which can fall outside an L-shape):
// scan the middle latitude of the largest polygon's bbox and take the midpoint of the widest
// inside span.
import { bboxOf, pointInGeometry, polygonsOf, ringAreaM2, type AreaGeometry } from '../geo/geometry.ts';

export function interiorPoint(g: AreaGeometry): [number, number] {
  const polys = [...polygonsOf(g)].sort((a, b) => ringAreaM2(b[0] ?? []) - ringAreaM2(a[0] ?? []));
  const main = polys[0];
  if (!main?.[0]) return [NaN, NaN];
  const single: AreaGeometry = { type: 'Polygon', coordinates: main };
  const [minX, minY, maxX, maxY] = bboxOf(single);
  for (const f of [0.5, 0.37, 0.63, 0.25, 0.75, 0.1, 0.9]) {
    const y = minY + (maxY - minY) * f;
    const xs: number[] = [];
    for (const ring of main) {
      for (let i = 0; i < ring.length - 1; i++) {
        const [x1, y1] = ring[i]!;
        const [x2, y2] = ring[i + 1]!;
        if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
      }
    }
    xs.sort((a, b) => a - b);
    let best: [number, number] | undefined;
    let width = 0;
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const w = xs[i + 1]! - xs[i]!;
      if (w > width) {
        width = w;
        best = [(xs[i]! + xs[i + 1]!) / 2, y];
      }
    }
    if (best && pointInGeometry(best[0], best[1], single)) return best;
  }
  return [(minX + maxX) / 2, (minY + maxY) / 2];
}
