// The staff endpoints of community work (src/http/routes: proposal-, appointment-, field-routes.ts)
// and the shapes they return: proposals and their rolls, appointment services, slots and
// bookings, and the weekly visit counts of grid workers.
import { api, apiRequest } from '../../api/client.ts';

export type ProposalPhase = 'announced' | 'consultation' | 'voting' | 'closed';
export type ProposalStatus = 'pending_approval' | 'published' | 'withdrawn';
export type Eligibility = 'resident' | 'household';
export type PassRule = 'more_than_half_of_eligible' | 'two_thirds_of_eligible' | 'more_than_half_of_votes';
export const ELIGIBILITIES: readonly Eligibility[] = ['household', 'resident'];
export const PASS_RULES: readonly PassRule[] = [
  'more_than_half_of_eligible',
  'two_thirds_of_eligible',
  'more_than_half_of_votes',
];

export interface ProposalResult {
  counts: Record<string, number>;
  votes: number;
  eligible: number;
  turnout: number | null;
  passed: boolean;
  published_at: string;
}

/** A proposal as staff see it: what was published, plus its state, result, comments and roll. */
export interface ProposalView extends NewProposal {
  id: string;
  status: ProposalStatus;
  phase: ProposalPhase;
  result: ProposalResult | null;
  comments?: { id: number; household: string | null; body: string; at: string }[];
  roll?: { members: number; households: number };
}

export interface NewProposal {
  region_code: string;
  title: string;
  body: string;
  options: { key: string; label: string }[];
  eligibility: Eligibility;
  pass_rule: PassRule;
  pass_option: string;
  allow_change: boolean;
  consultation_from: string;
  consultation_to: string;
  voting_from: string;
  voting_to: string;
}

export interface RollImportResult {
  members: number;
  households: number;
}

export interface ServiceView {
  id: string;
  region_code: string;
  name: string;
  place: string;
}

export interface SlotView {
  id: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  booked: number;
  left: number;
  holiday: boolean;
}

export interface BookingView {
  id: string;
  code: string;
  slot: { starts_at: string; ends_at: string };
  name: string;
  phone: string;
  status: 'booked' | 'confirmed' | 'cancelled';
  confirmed_at: string | null;
}

export interface VisitSummary {
  week: { from: string; to: string };
  target: number;
  workers: { user_id: string; display_name: string; households: number; places: number; met: boolean }[];
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type of a roll file: .xlsx (or a zip's "PK" signature) is Excel, anything else CSV. */
export async function rollFileType(file: Blob & { name?: string }): Promise<string> {
  if (file.name && /\.xlsx$/i.test(file.name)) return XLSX_TYPE;
  if (file.name && /\.csv$/i.test(file.name)) return 'text/csv';
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return head[0] === 0x50 && head[1] === 0x4b ? XLSX_TYPE : 'text/csv';
}

export const communityApi = {
  proposals: (signal?: AbortSignal) => api.get<{ items: ProposalView[] }>('/proposals', undefined, signal),
  proposal: (id: string, signal?: AbortSignal) =>
    api.get<{ proposal: ProposalView }>(`/proposals/${encodeURIComponent(id)}`, undefined, signal),
  createProposal: (body: NewProposal) => api.post<{ proposal: ProposalView }>('/proposals', body),
  approveProposal: (id: string) =>
    api.post<{ proposal: ProposalView }>(`/proposals/${encodeURIComponent(id)}/approve`),
  importRoll: async (id: string, file: Blob & { name?: string }) =>
    apiRequest<RollImportResult>('PUT', `/proposals/${encodeURIComponent(id)}/roll`, {
      body: file,
      contentType: await rollFileType(file),
    }),

  services: (signal?: AbortSignal) =>
    api.get<{ items: ServiceView[] }>('/appointment-services', undefined, signal),
  createService: (body: { region_code: string; name: string; place: string }) =>
    api.post<{ service: ServiceView }>('/appointment-services', body),
  slots: (id: string, q: { from: string; to: string }, signal?: AbortSignal) =>
    api.get<{ service: ServiceView; items: SlotView[] }>(
      `/appointment-services/${encodeURIComponent(id)}/slots`,
      q,
      signal,
    ),
  openSlots: (
    id: string,
    body: { from: string; to: string; times: string[]; capacity: number; include_holidays: boolean },
  ) =>
    api.post<{ created: number; holiday_slots: number }>(
      `/appointment-services/${encodeURIComponent(id)}/slots`,
      body,
    ),
  bookings: (id: string, q: { from: string; to: string }, signal?: AbortSignal) =>
    api.get<{ items: BookingView[] }>(`/appointment-services/${encodeURIComponent(id)}/bookings`, q, signal),
  confirmBooking: (id: string) => api.post<{ ok: true }>(`/appointments/${encodeURIComponent(id)}/confirm`),

  visits: (q: { week?: string; region?: string }, signal?: AbortSignal) =>
    api.get<VisitSummary>('/visits/summary', q, signal),
};
