// The public endpoints the portal uses, typed. Nothing here needs an account; a resident who logs
// in (phone + SMS code) gets an HttpOnly cookie the browser sends by itself to /api/v1/public.
import { http, request } from './client.ts';

export type Crs = 'wgs84' | 'gcj02' | 'bd09';
export type CodePurpose = 'report' | 'vote' | 'comment' | 'booking' | 'login';
export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied';

export interface PublicMajor {
  code: string;
  name: string;
  kind: string;
  kind_label: { zh: string; en: string };
  minors: { code: string; name: string }[];
}

export interface ReportInput {
  lng: number;
  lat: number;
  crs: Crs;
  category_code?: string;
  description: string;
  address?: string;
  photos?: string[];
  name?: string;
  phone?: string;
  code?: string;
  channel: 'resident' | 'merchant';
  idempotency_key: string;
}

export interface ReportAnswer {
  code: string;
  token: string;
  track_url: string;
  replayed: boolean;
}

export type TrackStep = 'received' | 'handling' | 'done' | 'not_accepted' | 'merged';

export interface Track {
  code: string;
  merged_into: string | null;
  step: TrackStep;
  steps: { received: string | null; handling: string | null; done: string | null };
  category: string | null;
  place: string;
  description: string;
  not_accepted_reason: string | null;
  result: string | null;
  after_photos: string[];
  satisfaction: Satisfaction | null;
  can_rate: boolean;
}

export interface Resident {
  phone_masked: string;
  logged_in_at?: string;
  expires_at: string;
}

/** One of the logged-in resident's reports (我的上报): public fields only. */
export interface MyReport {
  code: string;
  token: string;
  track_url: string;
  category: string | null;
  summary: string;
  step: TrackStep;
  steps: { received: string; handling: string | null; done: string | null };
  merged_into: string | null;
  satisfaction: Satisfaction | null;
  can_rate: boolean;
}

export interface PublishedResult {
  code: string;
  category: string | null;
  place: string;
  grid_code: string;
  lng: number | null;
  lat: number | null;
  result: string | null;
  reported_at: string;
  closed_at: string | null;
  published_at: string;
  satisfaction: Satisfaction | null;
}

export type Phase = 'announced' | 'consultation' | 'voting' | 'closed';

export interface ProposalResult {
  counts: Record<string, number>;
  votes: number;
  eligible: number;
  turnout: number | null;
  passed: boolean;
  published_at: string;
}

export interface Proposal {
  id: string;
  region_code: string;
  title: string;
  body: string;
  options: { key: string; label: string }[];
  eligibility: 'household' | 'resident';
  pass_rule: string;
  pass_option: string;
  allow_change: boolean;
  consultation_from: string;
  consultation_to: string;
  voting_from: string;
  voting_to: string;
  phase: Phase;
  result: ProposalResult | null;
  comments?: { id: string; household: string; body: string; at: string }[];
}

export interface Service {
  id: string;
  region_code: string;
  name: string;
  place: string;
}

export interface Slot {
  id: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  left: number;
  holiday: boolean;
}

export interface Booking {
  code: string;
  starts_at: string;
  ends_at: string;
}

export const portalApi = {
  categories: (signal?: AbortSignal) => http.get<{ majors: PublicMajor[] }>('/public/categories', {}, signal),
  sendCode: (phone: string, purpose: CodePurpose) =>
    http.post<{ expires_at: string }>('/public/sms-codes', { phone, purpose }),
  uploadPhoto: (jpeg: Blob) => http.post<{ id: string }>('/public/photos', jpeg),
  report: (input: ReportInput) => http.post<ReportAnswer>('/public/reports', input),
  track: (code: string, token: string, signal?: AbortSignal) =>
    http.get<Track>(`/public/track/${encodeURIComponent(code)}`, { t: token }, signal),
  rate: (code: string, token: string, satisfaction: Satisfaction, comment?: string) =>
    http.post<{ reopened: boolean }>(`/public/track/${encodeURIComponent(code)}/rating`, {
      t: token,
      satisfaction,
      ...(comment ? { comment } : {}),
    }),
  photoUrl: (id: string) => `/api/v1/public/photos/${encodeURIComponent(id)}`,
  results: (q: { region?: string; before?: string; limit?: number }, signal?: AbortSignal) =>
    http.get<{ items: PublishedResult[]; next: string | null }>('/public/results', q, signal),
  proposals: (region: string | undefined, signal?: AbortSignal) =>
    http.get<{ items: Proposal[] }>('/public/proposals', { region }, signal),
  proposal: (id: string, signal?: AbortSignal) =>
    http.get<{ proposal: Proposal }>(`/public/proposals/${encodeURIComponent(id)}`, {}, signal),
  comment: (id: string, body: { phone?: string; code?: string; body: string }) =>
    http.post<{ ok: true }>(`/public/proposals/${encodeURIComponent(id)}/comments`, body),
  vote: (id: string, body: { phone?: string; code?: string; option: string }) =>
    http.post<{ outcome: 'cast' | 'changed' }>(`/public/proposals/${encodeURIComponent(id)}/votes`, body),
  services: (region: string | undefined, signal?: AbortSignal) =>
    http.get<{ items: Service[] }>('/public/appointment-services', { region }, signal),
  slots: (id: string, from: string, to: string, signal?: AbortSignal) =>
    http.get<{ service: Service; items: Slot[] }>(
      `/public/appointment-services/${encodeURIComponent(id)}/slots`,
      { from, to },
      signal,
    ),
  me: (signal?: AbortSignal) => http.get<{ resident: Resident | null }>('/public/me', {}, signal),
  login: (phone: string, code: string) =>
    http.post<{ resident: Resident }>('/public/resident-sessions', { phone, code }),
  logout: () => request<{ ok: true }>('DELETE', '/public/resident-sessions'),
  myReports: (q: { before?: string; limit?: number }, signal?: AbortSignal) =>
    http.get<{ items: MyReport[]; next: string | null }>('/public/me/reports', q, signal),
  book: (body: { slot_id: string; name: string; phone?: string; code?: string }) =>
    http.post<Booking>('/public/appointments', body),
};
