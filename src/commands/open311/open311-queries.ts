// The reads behind GET requests: one row per case with what a public Open311 answer may show
// (no reporter data), the lead unit's name, the merge target's number and the latest public event,
// in one statement (lateral join), so a page of 1000 requests is one query.
import type { Queryable } from '../../store/db.ts';

export interface PublicCaseRow {
  id: string;
  code: string;
  state: string;
  channel: string;
  category_code: string;
  service_name: string;
  category_kind: string;
  limit_normal: string;
  limit_urgent: string;
  urgency: 'normal' | 'urgent';
  description: string;
  address: string | null;
  lng: number;
  lat: number;
  grid_code: string;
  agency: string | null;
  duplicate_of: string | null;
  deadline_at: Date | null;
  reported_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  published_at: Date | null;
  result: string | null;
  last_action: string | null;
  last_note: string | null;
}

/** Timeline actions whose fact (not the staff's internal notes) may be shown to the public. */
export const PUBLIC_ACTIONS = [
  'report',
  'send_to_verify',
  'register',
  'reject',
  'void',
  'merge',
  'dispatch',
  'reassign',
  'acknowledge',
  'approve_suspension',
  'resume',
  'approve_extension',
  'report_back',
  'verify_fail',
  'verify_pass',
  'self_handle',
  'approve_self_handled',
  'reopen',
  'publish',
] as const;

const SELECT_PUBLIC = `
  SELECT c.id, c.code, c.state, c.channel, c.category_code, cat.name AS service_name, cat.kind AS category_kind,
         cat.limit_normal, cat.limit_urgent, c.urgency, c.description, c.address, c.lng, c.lat, c.grid_code,
         u.name AS agency, m.code AS duplicate_of, c.deadline_at, c.reported_at, c.updated_at, c.closed_at,
         c.published_at, c.result, e.action AS last_action, e.note AS last_note
  FROM cases c
  JOIN categories cat ON cat.code = c.category_code
  LEFT JOIN units u ON u.id = c.lead_unit_id
  LEFT JOIN cases m ON m.id = c.merged_into
  LEFT JOIN LATERAL (
    SELECT ev.action, ev.note FROM case_events ev
    WHERE ev.case_id = c.id AND ev.action = ANY($1::text[]) ORDER BY ev.id DESC LIMIT 1
  ) e ON true`;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cases by number (3506-20260310-000001) or id; unknown ones are simply absent. */
export async function publicCasesByIds(q: Queryable, ids: string[]): Promise<PublicCaseRow[]> {
  const uuids = ids.filter((i) => UUID_RE.test(i)).map((i) => i.toLowerCase());
  const r = await q.query<PublicCaseRow>(
    `${SELECT_PUBLIC} WHERE c.code = ANY($2::text[]) OR c.id = ANY($3::uuid[])
     ORDER BY c.reported_at DESC, c.id DESC`,
    [PUBLIC_ACTIONS, ids, uuids],
  );
  return r.rows;
}

export interface PublicCaseFilter {
  categoryCodes?: string[] | undefined;
  states?: readonly string[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  updatedAfter?: Date | undefined;
  limit: number;
  offset: number;
}

/** Cases matching the filter, newest first, one page. */
export async function listPublicCases(q: Queryable, f: PublicCaseFilter): Promise<PublicCaseRow[]> {
  const r = await q.query<PublicCaseRow>(
    `${SELECT_PUBLIC}
     WHERE ($2::text[] IS NULL OR c.category_code = ANY($2::text[]))
       AND ($3::text[] IS NULL OR c.state = ANY($3::text[]))
       AND ($4::timestamptz IS NULL OR c.reported_at >= $4)
       AND ($5::timestamptz IS NULL OR c.reported_at <= $5)
       AND ($6::timestamptz IS NULL OR c.updated_at > $6)
     ORDER BY c.reported_at DESC, c.id DESC LIMIT $7 OFFSET $8`,
    [
      PUBLIC_ACTIONS,
      f.categoryCodes ?? null,
      f.states ?? null,
      f.from ?? null,
      f.to ?? null,
      f.updatedAfter ?? null,
      f.limit,
      f.offset,
    ],
  );
  return r.rows;
}
