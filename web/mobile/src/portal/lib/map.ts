// MapLibre GL for the portal's two maps (the report's point picker and the results map). Only
// lazily loaded screens import this module, so MapLibre never weighs on the first screen. There
// is no basemap: a plain background with administrative outlines (/public/outlines) to find one's
// community, and no text layers (no glyph server) — names are shown in HTML beside the map.
import type * as MapLibre from 'maplibre-gl';
import { http } from '../api/client.ts';

export type MapLib = typeof MapLibre;
export type LngLat = [number, number];
export type Box = [number, number, number, number];

export interface OutlineFeature {
  type: 'Feature';
  id: number;
  properties: { code: string; name: string; level: string; center: LngLat | null };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}
export interface Outlines {
  type: 'FeatureCollection';
  parent: { code: string; name: string; level: string; bbox: Box | null };
  features: OutlineFeature[];
}

export const EMPTY = { type: 'FeatureCollection' as const, features: [] as OutlineFeature[] };

const outlineCache = new Map<string, Promise<Outlines>>();
/** The outlines of a region's children (the city's counties when no parent), cached per page load. */
export function loadOutlines(parent?: string): Promise<Outlines> {
  const key = parent ?? '';
  let p = outlineCache.get(key);
  if (!p) {
    p = http.get<Outlines>('/public/outlines', parent ? { parent } : {});
    p.catch(() => outlineCache.delete(key));
    outlineCache.set(key, p);
  }
  return p;
}

export function webglAvailable(): boolean {
  try {
    const c = document.createElement('canvas');
    return !!(c.getContext('webgl2') ?? c.getContext('webgl'));
  } catch {
    return false;
  }
}

export async function loadMapLibre(): Promise<MapLib> {
  const [lib] = await Promise.all([import('maplibre-gl'), import('maplibre-gl/dist/maplibre-gl.css')]);
  return lib;
}

declare global {
  interface Window {
    __portalMaps?: Record<string, MapLibre.Map>;
  }
}

/** A map with a plain background; resolves once loaded. Rejects 'webgl' when it cannot draw. */
export async function createBlankMap(
  container: HTMLElement,
  name: string,
  view: { bounds?: Box; center?: LngLat; zoom?: number },
): Promise<{ lib: MapLib; map: MapLibre.Map }> {
  if (!webglAvailable()) throw new Error('webgl');
  const lib = await loadMapLibre();
  const map = new lib.Map({
    container,
    style: {
      version: 8,
      sources: {},
      layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f3f1ec' } }],
    },
    ...(view.bounds
      ? { bounds: view.bounds, fitBoundsOptions: { padding: 16 } }
      : { center: view.center ?? [117.65, 24.51], zoom: view.zoom ?? 9 }),
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    maxZoom: 18,
  });
  map.touchZoomRotate.disableRotation();
  map.on('error', () => undefined); // no remote sources: nothing useful to report
  await new Promise<void>((resolve) => {
    if (map.loaded()) resolve();
    else void map.once('load', () => resolve());
  });
  if (navigator.webdriver) window.__portalMaps = { ...window.__portalMaps, [name]: map };
  return { lib, map };
}

/** Adds an outline layer pair (faint fill for hit-testing, a line) for one level. */
export function addOutlineLayers(map: MapLibre.Map, id: string, colour: string, width: number): void {
  map.addSource(id, { type: 'geojson', data: EMPTY as never });
  map.addLayer({
    id: `${id}-fill`,
    type: 'fill',
    source: id,
    paint: { 'fill-color': colour, 'fill-opacity': 0.04 },
  });
  map.addLayer({
    id: `${id}-line`,
    type: 'line',
    source: id,
    paint: { 'line-color': colour, 'line-width': width, 'line-opacity': 0.8 },
  });
}

export function setData(
  map: MapLibre.Map,
  source: string,
  data: { type: 'FeatureCollection'; features: unknown[] },
) {
  map.getSource<MapLibre.GeoJSONSource>(source)?.setData(data);
}

const LEVELS = [
  { id: 'county', colour: '#1677ff', width: 2, childZoom: 9.5 },
  { id: 'township', colour: '#5b8c00', width: 1.5, childZoom: 11.5 },
  { id: 'village', colour: '#d46b08', width: 1, childZoom: Infinity },
] as const;

/**
 * The city's counties, then — as the map is zoomed in — the townships of the county and the
 * communities of the township under the centre, loaded once each. `onCentre` gets the names of
 * the regions under the centre (county, township, community), empty outside the city.
 */
export async function progressiveOutlines(
  map: MapLibre.Map,
  onCentre: (names: string[], centre: LngLat) => void = () => undefined,
): Promise<() => Promise<void>> {
  for (const l of LEVELS) addOutlineLayers(map, l.id, l.colour, l.width);
  const features: Record<string, OutlineFeature[]> = { county: [], township: [], village: [] };
  const loaded = new Set<string>();
  const city = await loadOutlines();
  features.county = city.features;
  setData(map, 'county', { type: 'FeatureCollection', features: city.features });
  let live = true;
  map.on('remove', () => {
    live = false;
  });
  const update = async () => {
    const c = map.getCenter();
    const p: LngLat = [c.lng, c.lat];
    const names: string[] = [];
    for (let i = 0; i < LEVELS.length; i++) {
      const l = LEVELS[i]!;
      const hit = features[l.id]!.find((f) => contains(f.geometry, p));
      if (!hit) break;
      names.push(hit.properties.name);
      const next = LEVELS[i + 1];
      if (next && map.getZoom() >= l.childZoom && !loaded.has(hit.properties.code)) {
        loaded.add(hit.properties.code);
        try {
          const kids = await loadOutlines(hit.properties.code);
          if (!live) return;
          features[next.id] = [...features[next.id]!, ...kids.features];
          setData(map, next.id, { type: 'FeatureCollection', features: features[next.id]! });
        } catch {
          loaded.delete(hit.properties.code); // again on the next move
        }
      }
    }
    if (live) onCentre(names, p);
  };
  map.on('moveend', () => void update());
  await update();
  return update;
}

/** Point in a GeoJSON Polygon / MultiPolygon (even-odd over all rings). */
export function contains(g: OutlineFeature['geometry'], [x, y]: LngLat): boolean {
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
  let inside = false;
  for (const poly of polys)
    for (const ring of poly)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
  return inside;
}
