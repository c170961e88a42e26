// The case endpoints (src/http/routes/case-routes.ts, case-assist-routes.ts) and the reference
// data the case screens need (categories, units, regions, grids, the working day), with their
// shapes as the server returns them.
import type { MultiPolygon, Polygon } from 'geojson';
import { ApiError, NetworkError, isErrorBody } from '../../api/api-error.ts';
import { API_BASE, api, type Query } from '../../api/client.ts';

export const CASE_STATES = [
  'reported',
  'verifying',
  'registered',
  'dispatched',
  'handling',
  'returned',
  'suspended',
  'reported_back',
  'self_handled',
  'closed',
  'rejected',
  'voided',
  'merged',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_ACTIONS = [
  'send_to_verify',
  'confirm_report',
  'register',
  'reject',
  'void',
  'merge',
  'self_handle',
  'approve_self_handled',
  'deny_self_handled',
  'dispatch',
  'acknowledge',
  'return',
  'reassign',
  'request_extension',
  'approve_extension',
  'deny_extension',
  'request_suspension',
  'approve_suspension',
  'deny_suspension',
  'resume',
  'assist',
  'report_back',
  'verify_pass',
  'verify_fail',
  'follow_up',
  'reopen',
  'publish',
  'supervise',
  'urge',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const QUEUES = [
  'to_register',
  'to_verify_report',
  'to_review_self_handled',
  'to_dispatch',
  'returned',
  'to_acknowledge',
  'handling',
  'to_approve',
  'to_verify',
  'due_soon',
  'overdue',
] as const;
export type Queue = (typeof QUEUES)[number];

export const CHANNELS = [
  'hotline',
  'grid_worker',
  'resident',
  'merchant',
  'sensor',
  'upper_level',
  'open311',
] as const;
export type Channel = (typeof CHANNELS)[number];

export type Colour = 'green' | 'yellow' | 'red';
export const COLOURS: readonly Colour[] = ['green', 'yellow', 'red'];
export type Urgency = 'normal' | 'urgent';
export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied';
export const SATISFACTIONS: readonly Satisfaction[] = ['satisfied', 'basically_satisfied', 'dissatisfied'];
export const RETURN_REASONS = [
  'jurisdiction_mismatch',
  'ownership_unclear',
  'overlapping_duties',
  'other',
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** A case as the API shows it (toCaseView on the server). */
export interface CaseView {
  id: string;
  code: string;
  channel: string;
  state: CaseState;
  category_code: string | null;
  urgency: Urgency;
  title: string;
  description: string;
  address: string | null;
  location: { lng: number; lat: number };
  grid_code: string;
  region_code: string;
  reporter: { name: string | null; phone: string | null };
  lead_unit_id: string | null;
  co_unit_ids: string[];
  pending_request: 'extension' | 'suspension' | null;
  pending_request_data: { reason?: string; extra?: string | null; requested_at?: string } | null;
  deadline_at: string | null;
  working_ms_left: number | null;
  step_deadline_at: string | null;
  step_working_ms_left: number | null;
  colour: Colour;
  merged_into: string | null;
  verified: boolean | null;
  counts: { rework: number; return: number; reassign: number; reopen: number };
  satisfaction: Satisfaction | null;
  result: string | null;
  published_at: string | null;
  reported_at: string;
  registered_at: string | null;
  dispatched_at: string | null;
  acknowledged_at: string | null;
  reported_back_at: string | null;
  closed_at: string | null;
  suspended_at: string | null;
  version: number;
  actions: CaseAction[];
}

export interface TimelineEvent {
  id: string;
  at: string;
  actor: string;
  role: string | null;
  action: string;
  from: string | null;
  to: string | null;
  note: string | null;
  attachments: string[];
  data: Record<string, unknown> | null;
}

export interface CaseFilter {
  queue?: Queue | undefined;
  state?: CaseState[] | undefined;
  category?: string | undefined;
  region?: string | undefined;
  unit?: string | undefined;
  colour?: Colour | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

export interface Duplicate extends CaseView {
  distance_m: number;
}

export interface Location {
  lng: number;
  lat: number;
  grid: { code: string; name: string };
  village: { code: string; name: string };
  township: { code: string; name: string };
  county: { code: string; name: string };
}

export interface IntakeBody {
  channel: Channel;
  lng: number;
  lat: number;
  crs: string;
  category_code: string;
  urgency: Urgency;
  title?: string | undefined;
  description: string;
  address?: string | undefined;
  photos?: string[] | undefined;
  reporter_name?: string | undefined;
  reporter_phone?: string | undefined;
  idempotency_key: string;
}

export interface IntakeResult {
  case: CaseView;
  replayed: boolean;
  possible_duplicates: { id: string; code: string; title: string; state: CaseState; distance_m: number }[];
}

export interface CategoryView {
  code: string;
  kind: string;
  major_code: string;
  major_name: string;
  name: string;
  limits: { urgent: { zh: string; en: string }; normal: { zh: string; en: string } };
  closing_standard: string;
  active: boolean;
}

export interface CategoryTreeKind {
  kind: string;
  label: { zh: string; en: string };
  majors: { code: string; name: string; minors: CategoryView[] }[];
}

export interface UnitView {
  id: string;
  name: string;
  kind: string;
  function: string;
  function_label: { zh: string; en: string };
  region_code: string;
  region_name: string | null;
  active: boolean;
}

export interface RegionView {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  center: [number, number] | null;
  bbox: [number, number, number, number] | null;
  child_count: number;
}

export type Geometry = Polygon | MultiPolygon;

export interface GridFeature {
  type: 'Feature';
  id: string;
  properties: { code: string; name: string; region_code: string };
  geometry: Geometry;
}

export type ActionBody = { version: number } & Record<string, unknown>;

/** Case list filter as query parameters (state repeated). */
function listQuery(f: CaseFilter, cursor: string | null, limit: number): string {
  const qs = new URLSearchParams();
  const add = (k: string, v: string | undefined) => {
    if (v) qs.append(k, v);
  };
  add('queue', f.queue);
  for (const s of f.state ?? []) qs.append('state', s);
  add('category', f.category);
  add('region', f.region);
  add('unit', f.unit);
  add('colour', f.colour);
  add('from', f.from);
  add('to', f.to);
  add('q', f.q?.trim() || undefined);
  add('cursor', cursor ?? undefined);
  qs.set('limit', String(limit));
  return qs.toString();
}

/** POSTs one image as the raw request body (POST /photos takes image/* bytes, not JSON). */
async function uploadPhoto(file: Blob, signal?: AbortSignal): Promise<{ id: string }> {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/photos`, {
      method: 'POST',
      headers: { 'content-type': file.type || 'application/octet-stream', accept: 'application/json' },
      body: file,
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new NetworkError(e);
  }
  const json: unknown = await res.json().catch(() => undefined);
  if (res.ok) return json as { id: string };
  throw new ApiError(
    res.status,
    isErrorBody(json)
      ? json.error
      : { code: `HTTP_${res.status}`, message: `HTTP ${res.status}`, message_en: `HTTP ${res.status}` },
  );
}

export const casesApi = {
  queues: (signal?: AbortSignal) =>
    api.get<{ queues: { queue: Queue; count: number }[] }>('/cases/queues', undefined, signal),
  list: (f: CaseFilter, cursor: string | null, limit: number, signal?: AbortSignal) =>
    api.get<{ items: CaseView[]; next: string | null }>(
      `/cases?${listQuery(f, cursor, limit)}`,
      undefined,
      signal,
    ),
  get: (id: string, signal?: AbortSignal) =>
    api.get<{ case: CaseView; timeline: TimelineEvent[] }>(
      `/cases/${encodeURIComponent(id)}`,
      undefined,
      signal,
    ),
  act: (id: string, action: CaseAction, body: ActionBody) =>
    api.post<{ case: CaseView }>(`/cases/${encodeURIComponent(id)}/actions/${action}`, body),
  intake: (body: IntakeBody) => api.post<IntakeResult>('/cases', body),
  duplicatesOf: (id: string, signal?: AbortSignal) =>
    api.get<{ items: Duplicate[] }>(`/cases/${encodeURIComponent(id)}/duplicates`, undefined, signal),
  duplicatesAt: (p: { lng: number; lat: number; crs: string; category: string }, signal?: AbortSignal) =>
    api.get<{ location: Location; items: Duplicate[] }>('/cases/duplicates', p, signal),
  suggestedUnit: (id: string, signal?: AbortSignal) =>
    api.get<{ unit: UnitView | null }>(`/cases/${encodeURIComponent(id)}/suggested-unit`, undefined, signal),
  units: (id: string, signal?: AbortSignal) =>
    api.get<{ items: UnitView[] }>(`/cases/${encodeURIComponent(id)}/units`, undefined, signal),
  locate: (p: { lng: number; lat: number; crs: string }, signal?: AbortSignal) =>
    api.get<Location>('/locate', p, signal),
  uploadPhoto,
  photoUrl: (id: string) => `${API_BASE}/photos/${encodeURIComponent(id)}`,
};

export const refApi = {
  categoryTree: (signal?: AbortSignal) =>
    api.get<{ tree: CategoryTreeKind[] }>('/categories', { tree: true, active: true }, signal),
  units: (q: Query, signal?: AbortSignal) =>
    api.get<{ items: UnitView[]; next: string | null }>('/units', q, signal),
  unit: (id: string, signal?: AbortSignal) =>
    api.get<{ unit: UnitView }>(`/units/${encodeURIComponent(id)}`, undefined, signal),
  region: (code: string, signal?: AbortSignal) =>
    api.get<{ region: RegionView; path: { code: string; name: string; level: string }[] }>(
      `/regions/${encodeURIComponent(code)}`,
      undefined,
      signal,
    ),
  children: (parent: string, signal?: AbortSignal) =>
    api.get<{ items: RegionView[] }>('/regions', { parent }, signal),
  searchRegions: (q: string, signal?: AbortSignal) =>
    api.get<{ items: RegionView[] }>('/regions/search', { q, limit: 20 }, signal),
  regionGeometry: (code: string, signal?: AbortSignal) =>
    api.get<{ type: 'Feature'; geometry: Geometry | null }>(
      `/regions/${encodeURIComponent(code)}/geometry`,
      undefined,
      signal,
    ),
  grid: (code: string, signal?: AbortSignal) =>
    api.get<GridFeature>(`/grids/${encodeURIComponent(code)}`, undefined, signal),
  gridsInBox: (bbox: [number, number, number, number], signal?: AbortSignal) =>
    api.get<{ type: 'FeatureCollection'; features: GridFeature[] }>(
      '/grids',
      { bbox: bbox.map((n) => n.toFixed(5)).join(','), kind: 'basic', limit: 1000 },
      signal,
    ),
  workingHours: (signal?: AbortSignal) =>
    api.get<{ working_ms_per_day: number }>('/calendar/working-hours', undefined, signal),
};
