// The endpoints the maps read: basemap configuration, region outlines, grids (GeoJSON), one grid
// with its workers, open cases as points and per-grid counts (src/http/routes/map-routes.ts,
// map-config-routes.ts, grid-routes.ts, region-routes.ts, case-routes.ts).
import { api, apiRequest } from '../../api/client.ts';

export type Position = [number, number];
export type BBox = [number, number, number, number];

export interface AreaGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: Position[][] | Position[][][];
}

export interface Feature<P> {
  type: 'Feature';
  id?: string | number;
  properties: P;
  geometry: AreaGeometry | null;
}

export interface FeatureCollection<P> {
  type: 'FeatureCollection';
  features: Feature<P>[];
}

export interface BasemapConfig {
  basemap: 'none' | 'tianditu' | 'xyz';
  tianditu_key?: string;
  xyz_url?: string;
  attribution?: string;
}

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export interface RegionView {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
  center: Position | null;
  bbox: BBox | null;
  child_count: number;
  grid_count: number;
}

export interface OutlineProps {
  code: string;
  name: string;
  level: RegionLevel;
  grid_count: number;
  center: Position | null;
}

export interface GridProps {
  code: string;
  name: string;
  kind: 'basic' | 'specialized';
  specialty: string | null;
  region_code: string;
  area_km2: number;
  source: string;
}

export interface GridMember {
  user_id: string;
  display_name: string;
  /** grid_worker or grid_leader. */
  role: string;
  full_time: boolean;
}

export type DeadlineColour = 'green' | 'yellow' | 'red';

export interface CasePoint {
  id: string;
  code: string;
  lng: number;
  lat: number;
  colour: DeadlineColour;
  state: string;
  category_code: string | null;
}

export interface GridStat {
  grid_code: string;
  open: number;
  overdue: number;
}

/** The fields of a case (GET /cases) the map's panel shows. */
export interface CaseSummary {
  id: string;
  code: string;
  title: string;
  state: string;
  colour: DeadlineColour;
  grid_code: string | null;
  region_code: string;
  reported_at: string;
}

/** States in which a case is still open (src/domain/cases/lifecycle.ts OPEN_STATES). */
export const OPEN_STATES = [
  'reported',
  'verifying',
  'registered',
  'dispatched',
  'handling',
  'returned',
  'suspended',
  'reported_back',
  'self_handled',
] as const;

const enc = encodeURIComponent;

export const mapApi = {
  config: (signal?: AbortSignal) => api.get<BasemapConfig>('/map/config', undefined, signal),
  region: (code: string, signal?: AbortSignal) =>
    api.get<{ region: RegionView; path: { code: string; name: string; level: RegionLevel }[] }>(
      `/regions/${enc(code)}`,
      undefined,
      signal,
    ),
  outline: (code: string, signal?: AbortSignal) =>
    api.get<Feature<{ code: string; name: string; level: RegionLevel }>>(
      `/regions/${enc(code)}/geometry`,
      undefined,
      signal,
    ),
  outlines: (parent: string, signal?: AbortSignal) =>
    api.get<FeatureCollection<OutlineProps>>('/map/outlines', { parent }, signal),
  grids: (q: { region?: string; bbox?: string; after?: string; limit: number }, signal?: AbortSignal) =>
    api.get<FeatureCollection<GridProps> & { next: string | null }>(
      '/grids',
      { kind: 'basic', ...q },
      signal,
    ),
  grid: (code: string, signal?: AbortSignal) =>
    api.get<Feature<GridProps> & { members: GridMember[] }>(`/grids/${enc(code)}`, undefined, signal),
  cases: (q: { region?: string; limit: number }, signal?: AbortSignal) =>
    api.get<{ items: CasePoint[]; truncated: boolean }>('/map/cases', q, signal),
  gridStats: (q: { region?: string }, signal?: AbortSignal) =>
    api.get<{ items: GridStat[] }>('/map/grid-stats', q, signal),
  /** Open cases of a village (newest first, at most `limit`): the grid panel filters them by grid. */
  openCasesOfVillage: (village: string, limit: number, signal?: AbortSignal) =>
    apiRequest<{ items: CaseSummary[]; next: string | null }>(
      'GET',
      `/cases?region=${enc(village)}&limit=${limit}&${OPEN_STATES.map((s) => `state=${s}`).join('&')}`,
      signal ? { signal } : {},
    ),
};

/** The bounding box of a polygon or multipolygon. */
export function geometryBBox(g: AreaGeometry | null): BBox | null {
  if (!g) return null;
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Position[][][];
  for (const poly of rings)
    for (const ring of poly)
      for (const [x, y] of ring) {
        if (x < b[0]) b[0] = x;
        if (y < b[1]) b[1] = y;
        if (x > b[2]) b[2] = x;
        if (y > b[3]) b[3] = y;
      }
  return Number.isFinite(b[0]) ? b : null;
}

/** The union of boxes (null when there is none). */
export function unionBBox(boxes: (BBox | null | undefined)[]): BBox | null {
  let u: BBox | null = null;
  for (const b of boxes) {
    if (!b) continue;
    u = u ? [Math.min(u[0], b[0]), Math.min(u[1], b[1]), Math.max(u[2], b[2]), Math.max(u[3], b[3])] : [...b];
  }
  return u;
}
