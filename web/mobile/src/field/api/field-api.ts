// The endpoints the field app uses and the shapes it reads (see src/http/routes/field-routes.ts,
// case-routes.ts, grid-routes.ts, auth-routes.ts, category-routes.ts).
import { api } from './client.ts';

export interface User {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
  permissions: string[];
  regions: string[];
}
export interface Me {
  user: User;
  scope: string[];
}

export interface CaseView {
  id: string;
  code: string;
  channel: string;
  state: string;
  category_code: string | null;
  urgency: string;
  title: string;
  description: string;
  address: string | null;
  location: { lng: number; lat: number };
  grid_code: string | null;
  region_code: string;
  deadline_at: string | null;
  working_ms_left: number | null;
  step_deadline_at: string | null;
  step_working_ms_left: number | null;
  colour: string | null;
  result: string | null;
  reported_at: string;
  version: number;
  actions: string[];
}
export interface TimelineEvent {
  id: number | string;
  at: string;
  action: string;
  note: string | null;
  attachments: string[] | null;
}

export type TaskKind = 'verify_report' | 'verify_result';
export interface Notice {
  code: string;
  title: string;
  kind: string;
  level: string;
  note: string | null;
  issued_at: string;
}
export interface Tasks {
  grids: string[];
  tasks: { task: TaskKind; case: CaseView }[];
  notices: Notice[];
}

export type Geometry =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
export interface GridFeature {
  type: 'Feature';
  id: string;
  properties: { code: string; name: string; region_code: string; area_km2: number };
  geometry: Geometry;
}

export interface Category {
  code: string;
  kind: string;
  major_code: string;
  major_name: string;
  name: string;
  active: boolean;
}

export interface Located {
  lng: number;
  lat: number;
  grid: { code: string; name: string };
  village: { code: string; name: string };
  township: { code: string; name: string };
}

export interface WeekVisits {
  week: { from: string; to: string };
  target: number;
  households: number;
  places: number;
}

export interface Patrol {
  id: string;
  started_at: string;
  ended_at: string | null;
  points: number;
  distance_m: number;
}

export type Crs = 'wgs84' | 'gcj02';

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

export const fieldApi = {
  login: (username: string, password: string) =>
    api.post<{ user: User }>('/auth/login', { username, password }),
  logout: () => api.post<{ ok: boolean }>('/auth/logout'),
  me: () => api.get<Me>('/auth/me'),
  tasks: () => api.get<Tasks>('/field/tasks'),
  grid: (code: string) => api.get<GridFeature>(`/grids/${code}`),
  categories: () => api.get<{ items: Category[] }>('/categories?active=true'),
  locate: (lng: number, lat: number, crs: Crs) =>
    api.get<Located>(`/locate?lng=${lng}&lat=${lat}&crs=${crs}`),
  openCases: (region: string) =>
    api.get<{ items: CaseView[] }>(
      `/cases?region=${region}&limit=200&${OPEN_STATES.map((s) => `state=${s}`).join('&')}`,
    ),
  getCase: (id: string) => api.get<{ case: CaseView; timeline: TimelineEvent[] }>(`/cases/${id}`),
  weekVisits: () => api.get<WeekVisits>('/field/visits/mine'),
  openPatrol: () => api.get<{ patrol: Patrol | null }>('/field/patrols/open'),
  startPatrol: (lng: number, lat: number, key: string) =>
    api.post<{ patrol: Patrol }>('/field/patrols', {
      consent: true,
      lng,
      lat,
      crs: 'wgs84',
      idempotency_key: key,
    }),
  patrolPoints: (id: string, points: { at: string; lng: number; lat: number; accuracy?: number }[]) =>
    api.post<{ patrol: Patrol }>(`/field/patrols/${id}/points`, { points }),
  endPatrol: (id: string) => api.post<{ patrol: Patrol }>(`/field/patrols/${id}/end`),
};

/** Can this user do field work (网格员 / 监督员)? */
export function canWorkInField(u: User): boolean {
  return u.permissions.includes('field:work');
}
