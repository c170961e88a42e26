// The administration endpoints (src/http/routes: region-, grid-, unit-, category-, calendar-,
// user-routes.ts) and the shapes they return.
import { ApiError, NetworkError, isErrorBody, type ErrorBody } from '../../api/api-error.ts';
import { API_BASE, api } from '../../api/client.ts';

type Text = { zh: string; en: string };

export interface RegionView {
  code: string;
  name: string;
  level: string;
  kind: string | null;
  parent_code: string | null;
  center: [number, number] | null;
  bbox: [number, number, number, number] | null;
  child_count: number;
  grid_count: number;
}

export interface GridFeature {
  type: 'Feature';
  id: string;
  properties: {
    code: string;
    name: string;
    kind: string;
    specialty: string | null;
    region_code: string;
    area_km2: number;
    source: string;
  };
}

export interface UnitView {
  id: string;
  name: string;
  kind: string;
  function: string;
  function_label: Text;
  region_code: string;
  region_name: string | null;
  parent_id: string | null;
  phone: string | null;
  active: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UnitFunction {
  code: string;
  zh: string;
  en: string;
  kind: string;
  levels: string[];
}

export interface CategoryView {
  code: string;
  kind: string;
  major_code: string;
  major_name: string;
  name: string;
  default_units: Record<string, string>;
  default_unit_labels: Record<string, Text>;
  limit_urgent: string;
  limit_normal: string;
  limits: { urgent: Text; normal: Text };
  closing_standard: string;
  active: boolean;
  version: number;
  updated_at: string;
}

export interface CategoryTreeKind {
  kind: string;
  label: Text;
  majors: { code: string; name: string; minors: CategoryView[] }[];
}

export interface CalendarDay {
  date: string;
  weekday: Text;
  type: 'workday' | 'weekend' | 'holiday' | 'makeup_workday';
  is_working_day: boolean;
  holiday: string | null;
  has_data: boolean;
}

export interface CalendarHoliday {
  name: string;
  days: string[];
}

export interface CalendarYear {
  year: number;
  holidays: CalendarHoliday[];
  makeup_workdays: string[];
  working_days: number;
  updated_at: string;
  days: CalendarDay[];
}

export interface WorkingHours {
  periods: { start: string; end: string }[];
  working_ms_per_day: number;
}

export interface UserView {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
  permissions: string[];
  status: string;
  regions: string[];
  units: string[];
  locked_until: string | null;
  must_change_password: boolean;
  last_login_at: string | null;
  version: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  ip: string | null;
  details: unknown;
}

export interface Page<T> {
  items: T[];
  next: string | number | null;
}

export interface ImportGridsResult {
  imported: number;
  replaced: number;
  villages: number;
}

const enc = encodeURIComponent;

export const adminApi = {
  regions: (parent?: string) => api.get<{ items: RegionView[] }>('/regions', parent ? { parent } : undefined),
  region: (code: string, signal?: AbortSignal) =>
    api.get<{ region: RegionView; path: { code: string; name: string; level: string }[] }>(
      `/regions/${enc(code)}`,
      undefined,
      signal,
    ),
  searchRegions: (q: string) => api.get<{ items: RegionView[] }>('/regions/search', { q, limit: 20 }),
  grids: (region: string, after?: string, limit = 100, signal?: AbortSignal) =>
    api.get<{ features: GridFeature[]; next: string | null }>(
      '/grids',
      { region, after, limit, kind: 'basic' },
      signal,
    ),

  units: (q: Record<string, string | number | boolean | undefined>, signal?: AbortSignal) =>
    api.get<Page<UnitView>>('/units', q, signal),
  unit: (id: string) => api.get<{ unit: UnitView }>(`/units/${enc(id)}`),
  unitFunctions: (signal?: AbortSignal) =>
    api.get<{ items: UnitFunction[] }>('/units/functions', undefined, signal),
  createUnit: (body: Record<string, unknown>) => api.post<{ unit: UnitView }>('/units', body),
  updateUnit: (id: string, body: Record<string, unknown>) =>
    api.patch<{ unit: UnitView }>(`/units/${enc(id)}`, body),

  categoryTree: (signal?: AbortSignal) =>
    api.get<{ tree: CategoryTreeKind[]; count: number }>('/categories', { tree: true }, signal),
  updateCategory: (code: string, body: Record<string, unknown>) =>
    api.patch<{ category: CategoryView }>(`/categories/${enc(code)}`, body),

  calendarYears: (signal?: AbortSignal) =>
    api.get<{ items: { year: number; updated_at: string }[] }>('/calendar/years', undefined, signal),
  calendarYear: (year: number, signal?: AbortSignal) =>
    api.get<CalendarYear>(`/calendar/years/${year}`, undefined, signal),
  calendarDays: (from: string, to: string, signal?: AbortSignal) =>
    api.get<{ items: CalendarDay[] }>('/calendar/days', { from, to }, signal),
  putCalendarYear: (year: number, body: { holidays: CalendarHoliday[]; makeup_workdays: string[] }) =>
    api.put<{ created: boolean }>(`/calendar/years/${year}`, body),
  workingHours: (signal?: AbortSignal) => api.get<WorkingHours>('/calendar/working-hours', undefined, signal),
  putWorkingHours: (periods: { start: string; end: string }[]) =>
    api.put<WorkingHours>('/calendar/working-hours', { periods }),

  users: (q: Record<string, string | number | undefined>, signal?: AbortSignal) =>
    api.get<Page<UserView>>('/users', q, signal),
  createUser: (body: Record<string, unknown>) => api.post<{ user: UserView }>('/users', body),
  updateUser: (id: string, body: Record<string, unknown>) =>
    api.patch<{ user: UserView }>(`/users/${enc(id)}`, body),
  resetPassword: (id: string, password: string) =>
    api.post<{ ok: true }>(`/users/${enc(id)}/password`, { password }),

  audit: (q: Record<string, string | number | undefined>, signal?: AbortSignal) =>
    api.get<Page<AuditEntry>>('/audit', q, signal),
};

/**
 * POST /grids/import with the file's text (application/geo+json) through XMLHttpRequest, so the
 * upload can report its progress (0..1). Resolves with the counts; rejects with the server's
 * ApiError (IMPORT_REJECTED carries one issue per defect, with its line).
 */
export function importGridsFile(
  text: string,
  onProgress: (ratio: number) => void,
  signal?: AbortSignal,
): Promise<ImportGridsResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/grids/import`);
    xhr.setRequestHeader('content-type', 'application/geo+json');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let json: unknown;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        json = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(json as ImportGridsResult);
        return;
      }
      const body: ErrorBody['error'] = isErrorBody(json)
        ? json.error
        : { code: `HTTP_${xhr.status}`, message: `HTTP ${xhr.status}`, message_en: `HTTP ${xhr.status}` };
      reject(new ApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(text);
  });
}
