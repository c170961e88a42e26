// MapLibre without a basemap (the product must work without one): a plain background, and
// helpers to draw areas and points. MapLibre itself comes through lib/lazy-libs.ts.
import type * as MapLibre from 'maplibre-gl';
import type { Feature, FeatureCollection, Geometry as AnyGeometry } from 'geojson';
import { loadMapLibre } from '../../../lib/lazy-libs.ts';

export type LngLatBox = [number, number, number, number];

export const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** A map with only a background, no tiles and no text layers; rejects when WebGL is missing. */
export async function createBlankMap(
  container: HTMLElement,
  opts: { bounds?: LngLatBox; interactive?: boolean },
): Promise<{ lib: typeof MapLibre; map: MapLibre.Map }> {
  const lib = await loadMapLibre();
  const map = new lib.Map({
    container,
    style: {
      version: 8,
      sources: {},
      layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } }],
    },
    ...(opts.bounds
      ? { bounds: opts.bounds, fitBoundsOptions: { padding: 24 } }
      : { center: [117.65, 24.51], zoom: 9 }),
    interactive: opts.interactive ?? true,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
  });
  // Without a listener MapLibre prints every error to the console; these maps have no remote
  // sources, so an error here is a rendering problem the caller's fallback already covers.
  map.on('error', () => undefined);
  await new Promise<void>((resolve) => {
    if (map.loaded()) resolve();
    else void map.once('load', () => resolve());
  });
  return { lib, map };
}

/** Bounding box of any GeoJSON geometries (and points). */
export function boxOf(
  geoms: (AnyGeometry | null | undefined)[],
  points: [number, number][] = [],
): LngLatBox | null {
  let [a, b, c, d] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (x: unknown): void => {
    if (Array.isArray(x) && typeof x[0] === 'number' && typeof x[1] === 'number') {
      a = Math.min(a, x[0]);
      b = Math.min(b, x[1]);
      c = Math.max(c, x[0]);
      d = Math.max(d, x[1]);
    } else if (Array.isArray(x)) for (const y of x) visit(y);
  };
  for (const g of geoms) if (g && 'coordinates' in g) visit(g.coordinates);
  for (const p of points) visit(p);
  return Number.isFinite(a) ? [a, b, c, d] : null;
}

/** A point feature collection (empty for null). */
export function pointData(p: [number, number] | null): FeatureCollection {
  if (!p) return EMPTY;
  const f: Feature = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: p } };
  return { type: 'FeatureCollection', features: [f] };
}

/** Adds an area source with a translucent fill and an outline. */
export function addArea(
  map: MapLibre.Map,
  id: string,
  data: FeatureCollection | Feature,
  style: { fill: string; fillOpacity: number; line: string; lineWidth: number },
): void {
  map.addSource(id, { type: 'geojson', data });
  map.addLayer({
    id: `${id}-fill`,
    type: 'fill',
    source: id,
    paint: { 'fill-color': style.fill, 'fill-opacity': style.fillOpacity },
  });
  map.addLayer({
    id: `${id}-line`,
    type: 'line',
    source: id,
    paint: { 'line-color': style.line, 'line-width': style.lineWidth },
  });
}

/** Adds a point source drawn as a red dot with a white ring. */
export function addPoint(map: MapLibre.Map, id: string, p: [number, number] | null): void {
  map.addSource(id, { type: 'geojson', data: pointData(p) });
  map.addLayer({
    id,
    type: 'circle',
    source: id,
    paint: {
      'circle-radius': 7,
      'circle-color': '#f5222d',
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 2,
    },
  });
}
