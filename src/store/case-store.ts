// Cases, their timeline (case_events) and the outbox. A state change is always: lock the row,
// update it with the expected version, append one event, append outbox messages — in one
// transaction (see commands/cases/act-on-case.ts).
import type { Queryable } from './db.ts';
import { QUEUE_FILTERS, type Queue } from '../domain/cases/queues.ts';

export interface CaseRow {
  id: string;
  code: string;
  channel: string;
  state: string;
  category_code: string | null;
  urgency: 'normal' | 'urgent';
  title: string;
  description: string;
  address: string | null;
  lng: number;
  lat: number;
  grid_code: string;
  region_code: string;
  reporter_name_sealed: string | null;
  reporter_phone_sealed: string | null;
  reporter_phone_hash: string | null;
  reporter_user_id: string | null;
  idempotency_key: string;
  lead_unit_id: string | null;
  co_unit_ids: string[];
  pending_request: 'extension' | 'suspension' | null;
  pending_request_data: Record<string, unknown> | null;
  deadline_at: Date | null;
  step_deadline_at: Date | null;
  suspended_at: Date | null;
  suspended_ms: number;
  colour: 'green' | 'yellow' | 'red';
  merged_into: string | null;
  verified: boolean | null;
  rework_count: number;
  return_count: number;
  reassign_count: number;
  reopen_count: number;
  satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | null;
  published_at: Date | null;
  result: string | null;
  reported_at: Date;
  registered_at: Date | null;
  dispatched_at: Date | null;
  acknowledged_at: Date | null;
  reported_back_at: Date | null;
  closed_at: Date | null;
  version: number;
  updated_at: Date;
}

export type NewCase = Pick<
  CaseRow,
  | 'channel'
  | 'state'
  | 'category_code'
  | 'urgency'
  | 'title'
  | 'description'
  | 'address'
  | 'lng'
  | 'lat'
  | 'grid_code'
  | 'region_code'
  | 'reporter_name_sealed'
  | 'reporter_phone_sealed'
  | 'reporter_phone_hash'
  | 'reporter_user_id'
  | 'idempotency_key'
  | 'reported_at'
  | 'step_deadline_at'
>;

/** Where to look for duplicates of a new report: same category, a box around it, since a time. */
export interface DuplicateWindow {
  categoryCode: string;
  lng: number;
  lat: number;
  dLng: number;
  dLat: number;
  since: Date;
}
export type DuplicateCandidate = Pick<CaseRow, 'id' | 'code' | 'title' | 'state' | 'lng' | 'lat'>;

export interface IntakeEvent {
  actorId: string | null;
  actorName: string;
  actorRole: string | null;
  attachments: string[];
  data: Record<string, unknown>;
}

/**
 * Records a new case in ONE statement: the case (numbered from the sequence), its first event and
 * its outbox message, atomically — unless its idempotency key exists, when nothing is written and
 * null comes back (the caller then reads the existing case).
 */
export async function insertReportedCase(
  q: Queryable,
  c: NewCase,
  cityCode: string,
  localDay: string,
  e: IntakeEvent,
  dup?: DuplicateWindow,
): Promise<(CaseRow & { duplicate_candidates: DuplicateCandidate[] }) | null> {
  const cols = Object.keys(c) as (keyof NewCase)[];
  const n = cols.length;
  const d = n + 9; // first parameter of the duplicate window
  const r = await q.query<CaseRow & { duplicate_candidates: DuplicateCandidate[] }>(
    `WITH ins AS (
       INSERT INTO cases (${cols.join(', ')}, updated_at, code)
       VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}, $${n + 1}, $${n + 2} || '-' || $${n + 3} || '-' || lpad(nextval('case_number_seq')::text, 7, '0'))
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING *
     ), ev AS (
       INSERT INTO case_events (case_id, at, actor_id, actor_name, actor_role, action, from_state, to_state, attachments, data)
       SELECT id, $${n + 1}, $${n + 4}::uuid, $${n + 5}, $${n + 6}, 'report', NULL, state, $${n + 7}::jsonb, $${n + 8}::jsonb FROM ins
     ), ob AS (
       INSERT INTO outbox (topic, key, payload, created_at)
       SELECT 'case.reported', id::text, jsonb_build_object('id', id, 'code', code, 'channel', channel, 'grid', grid_code), $${n + 1} FROM ins
     ), dup AS (
       SELECT id, code, title, state, lng, lat FROM cases
       WHERE $${d}::text IS NOT NULL AND category_code = $${d} AND closed_at IS NULL
         AND state NOT IN ('rejected', 'voided', 'merged')
         AND lng BETWEEN $${d + 1}::float8 - $${d + 3}::float8 AND $${d + 1}::float8 + $${d + 3}::float8
         AND lat BETWEEN $${d + 2}::float8 - $${d + 4}::float8 AND $${d + 2}::float8 + $${d + 4}::float8
         AND reported_at >= $${d + 5}
       ORDER BY reported_at DESC LIMIT 20
     )
     SELECT ins.*, (SELECT COALESCE(json_agg(dup), '[]'::json) FROM dup) AS duplicate_candidates FROM ins`,
    [
      ...cols.map((k) => c[k]),
      c.reported_at,
      cityCode,
      localDay.replaceAll('-', ''),
      e.actorId,
      e.actorName,
      e.actorRole,
      JSON.stringify(e.attachments),
      JSON.stringify(e.data),
      dup?.categoryCode ?? null,
      dup?.lng ?? 0,
      dup?.lat ?? 0,
      dup?.dLng ?? 0,
      dup?.dLat ?? 0,
      dup?.since ?? new Date(0),
    ],
  );
  return r.rows[0] ?? null;
}

export async function findCase(
  q: Queryable,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<CaseRow | undefined> {
  return (
    await q.query<CaseRow>(`SELECT * FROM cases WHERE id = $1${opts.forUpdate ? ' FOR UPDATE' : ''}`, [id])
  ).rows[0];
}

export async function findCaseByCode(q: Queryable, code: string): Promise<CaseRow | undefined> {
  return (await q.query<CaseRow>('SELECT * FROM cases WHERE code = $1', [code])).rows[0];
}

export async function findCaseByIdempotencyKey(q: Queryable, key: string): Promise<CaseRow | undefined> {
  return (await q.query<CaseRow>('SELECT * FROM cases WHERE idempotency_key = $1', [key])).rows[0];
}

export type CasePatch = Partial<Omit<CaseRow, 'id' | 'code' | 'version' | 'updated_at'>>;

/** Optimistic update: applies the patch when the version still matches; false otherwise. */
export async function updateCase(
  q: Queryable,
  id: string,
  version: number,
  patch: CasePatch,
  now: Date,
): Promise<boolean> {
  const cols = Object.keys(patch) as (keyof CasePatch)[];
  const sets = cols.map((k, i) => `${k} = $${i + 4}`);
  const r = await q.query(
    `UPDATE cases SET ${[...sets, 'version = version + 1', 'updated_at = $3'].join(', ')} WHERE id = $1 AND version = $2`,
    [id, version, now, ...cols.map((k) => patch[k])],
  );
  return r.rowCount === 1;
}

export interface CaseEventInput {
  caseId: string;
  at: Date;
  actorId: string | null;
  actorName: string;
  actorRole: string | null;
  action: string;
  fromState: string | null;
  toState: string;
  note?: string | null;
  attachments?: string[];
  data?: Record<string, unknown> | null;
}

export async function appendCaseEvent(q: Queryable, e: CaseEventInput): Promise<void> {
  await q.query(
    `INSERT INTO case_events (case_id, at, actor_id, actor_name, actor_role, action, from_state, to_state, note, attachments, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      e.caseId,
      e.at,
      e.actorId,
      e.actorName,
      e.actorRole,
      e.action,
      e.fromState,
      e.toState,
      e.note ?? null,
      JSON.stringify(e.attachments ?? []),
      e.data ?? null,
    ],
  );
}

export interface CaseEventRow {
  id: number;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  actor_role: string | null;
  action: string;
  from_state: string | null;
  to_state: string;
  note: string | null;
  attachments: string[];
  data: Record<string, unknown> | null;
}

export async function listCaseEvents(q: Queryable, caseId: string): Promise<CaseEventRow[]> {
  return (await q.query<CaseEventRow>('SELECT * FROM case_events WHERE case_id = $1 ORDER BY id', [caseId]))
    .rows;
}

export async function appendOutbox(
  q: Queryable,
  m: { topic: string; key: string; payload: unknown; at: Date },
): Promise<void> {
  await q.query('INSERT INTO outbox (topic, key, payload, created_at) VALUES ($1, $2, $3, $4)', [
    m.topic,
    m.key,
    JSON.stringify(m.payload),
    m.at,
  ]);
}

export interface CaseFilter {
  scopePatterns: string[];
  unitIds?: string[] | undefined; // handlers: only cases of their units
  states?: string[] | undefined;
  categoryCode?: string | undefined;
  regionPrefix?: string | undefined;
  unitId?: string | undefined;
  colour?: string | undefined;
  /** true: only cases with an extension or suspension request waiting. */
  pending?: boolean | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  text?: string | undefined;
  /** Keyset cursor: (reported_at, id) of the last row seen, newest first. */
  before?: { at: Date; id: string } | undefined;
  limit: number;
}

/** Cases in scope, newest first, filtered; the scope is part of the WHERE clause. */
export async function listCases(q: Queryable, f: CaseFilter): Promise<CaseRow[]> {
  const r = await q.query<CaseRow>(
    `SELECT * FROM cases
     WHERE region_code LIKE ANY($1::text[])
       AND ($2::text[] IS NULL OR lead_unit_id = ANY($2::text[]) OR co_unit_ids && $2::text[])
       AND ($3::text[] IS NULL OR state = ANY($3::text[]))
       AND ($4::text IS NULL OR category_code = $4)
       AND ($5::text IS NULL OR region_code LIKE $5 || '%')
       AND ($6::text IS NULL OR lead_unit_id = $6)
       AND ($7::text IS NULL OR colour = $7)
       AND ($8::timestamptz IS NULL OR reported_at >= $8)
       AND ($9::timestamptz IS NULL OR reported_at < $9)
       AND ($10::text IS NULL OR title LIKE '%' || $10 || '%' OR description LIKE '%' || $10 || '%' OR code = $10)
       AND ($11::timestamptz IS NULL OR (reported_at, id) < ($11, $12::uuid))
       AND ($14::boolean IS NULL OR (pending_request IS NOT NULL) = $14)
     ORDER BY reported_at DESC, id DESC LIMIT $13`,
    [
      f.scopePatterns,
      f.unitIds ?? null,
      f.states ?? null,
      f.categoryCode ?? null,
      f.regionPrefix ?? null,
      f.unitId ?? null,
      f.colour ?? null,
      f.from ?? null,
      f.to ?? null,
      f.text ?? null,
      f.before?.at ?? null,
      f.before?.id ?? null,
      f.limit,
      f.pending ?? null,
    ],
  );
  return r.rows;
}

/**
 * How many cases wait in each queue, in scope (and, for handlers, of their units): one pass over the
 * open cases. The queue filters are constants from the domain, written into the SQL as literals.
 */
export async function countQueues(
  q: Queryable,
  queues: readonly Queue[],
  f: { scopePatterns: string[]; unitIds?: string[] | undefined },
): Promise<Record<string, number>> {
  if (!queues.length) return {};
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const cols = queues.map((name, i) => {
    const qf = QUEUE_FILTERS[name];
    const conds = [`state IN (${qf.states.map(lit).join(', ')})`];
    if (qf.colour) conds.push(`colour = ${lit(qf.colour)}`);
    if (qf.pending) conds.push('pending_request IS NOT NULL');
    return `count(*) FILTER (WHERE ${conds.join(' AND ')})::int AS q${i}`;
  });
  const states = [...new Set(queues.flatMap((name) => QUEUE_FILTERS[name].states))];
  const r = await q.query<Record<string, number>>(
    `SELECT ${cols.join(', ')} FROM cases
     WHERE state IN (${states.map(lit).join(', ')})
       AND region_code LIKE ANY($1::text[])
       AND ($2::text[] IS NULL OR lead_unit_id = ANY($2::text[]) OR co_unit_ids && $2::text[])`,
    [f.scopePatterns, f.unitIds ?? null],
  );
  const row = r.rows[0] ?? {};
  return Object.fromEntries(queues.map((name, i) => [name, Number(row[`q${i}`] ?? 0)]));
}

/** Open cases of a category near a point since a time: the duplicate candidates (bbox prefilter). */
export async function nearbyOpenCases(
  q: Queryable,
  p: {
    categoryCode: string;
    lng: number;
    lat: number;
    dLng: number;
    dLat: number;
    since: Date;
    excludeId?: string;
  },
): Promise<CaseRow[]> {
  return (
    await q.query<CaseRow>(
      `SELECT * FROM cases WHERE category_code = $1 AND closed_at IS NULL
         AND state NOT IN ('rejected', 'voided', 'merged')
         AND lng BETWEEN $2::float8 - $4::float8 AND $2::float8 + $4::float8
         AND lat BETWEEN $3::float8 - $5::float8 AND $3::float8 + $5::float8
         AND reported_at >= $6 AND id <> COALESCE($7::uuid, '00000000-0000-0000-0000-000000000000')
       ORDER BY reported_at DESC LIMIT 20`,
      [p.categoryCode, p.lng, p.lat, p.dLng, p.dLat, p.since, p.excludeId ?? null],
    )
  ).rows;
}

export interface PublishedRow {
  code: string;
  category_code: string | null;
  category_name: string | null;
  grid_code: string;
  grid_name: string | null;
  village_name: string | null;
  result: string | null;
  reported_at: Date;
  closed_at: Date | null;
  published_at: Date;
  satisfaction: string | null;
  /** The centre of the grid's bounding box: where the result is shown on a map (never the exact point). */
  grid_lng: number | null;
  grid_lat: number | null;
}

/** Published results (晒单), newest first: only public fields, joined to names, never a person. */
export async function listPublished(
  q: Queryable,
  f: { regionPrefix: string; before?: Date | undefined; limit: number },
): Promise<PublishedRow[]> {
  return (
    await q.query<PublishedRow>(
      `SELECT c.code, c.category_code, k.name AS category_name, c.grid_code, g.name AS grid_name, v.name AS village_name,
              c.result, c.reported_at, c.closed_at, c.published_at, c.satisfaction,
              (g.min_lng + g.max_lng) / 2 AS grid_lng, (g.min_lat + g.max_lat) / 2 AS grid_lat
       FROM cases c LEFT JOIN categories k ON k.code = c.category_code LEFT JOIN grids g ON g.code = c.grid_code
       LEFT JOIN regions v ON v.code = c.region_code
       WHERE c.published_at IS NOT NULL AND c.region_code LIKE $1 || '%' AND ($2::timestamptz IS NULL OR c.published_at < $2)
       ORDER BY c.published_at DESC LIMIT $3`,
      [f.regionPrefix, f.before ?? null, f.limit],
    )
  ).rows;
}

export interface ReporterCaseRow {
  id: string;
  code: string;
  state: string;
  description: string;
  category_name: string | null;
  satisfaction: CaseRow['satisfaction'];
  reported_at: Date;
  /** Of the case it was merged into, when merged (the resident follows that one). */
  handling_at: Date | null;
  closed_at: Date | null;
  merged_code: string | null;
  merged_state: string | null;
}

/**
 * One reporter's cases by the keyed hash of their phone, newest first; `before` (a case code of
 * theirs) continues after that case. Dates and category follow the case a report was merged into.
 */
export async function listCasesByReporter(
  q: Queryable,
  f: { phoneHash: string; before?: string | undefined; limit: number },
): Promise<ReporterCaseRow[]> {
  return (
    await q.query<ReporterCaseRow>(
      `SELECT c.id, c.code, c.state, c.description, k.name AS category_name, c.satisfaction, c.reported_at,
              COALESCE(t.registered_at, t.dispatched_at) AS handling_at, t.closed_at,
              m.code AS merged_code, m.state AS merged_state
       FROM cases c LEFT JOIN cases m ON m.id = c.merged_into
       CROSS JOIN LATERAL (SELECT COALESCE(m.category_code, c.category_code) AS category_code,
                                  CASE WHEN m.id IS NULL THEN c.registered_at ELSE m.registered_at END AS registered_at,
                                  CASE WHEN m.id IS NULL THEN c.dispatched_at ELSE m.dispatched_at END AS dispatched_at,
                                  CASE WHEN m.id IS NULL THEN c.closed_at ELSE m.closed_at END AS closed_at) t
       LEFT JOIN categories k ON k.code = t.category_code
       WHERE c.reporter_phone_hash = $1
         AND ($2::text IS NULL OR (c.reported_at, c.code) <
              (SELECT b.reported_at, b.code FROM cases b WHERE b.code = $2 AND b.reporter_phone_hash = $1))
       ORDER BY c.reported_at DESC, c.code DESC
       LIMIT $3`,
      [f.phoneHash, f.before ?? null, f.limit],
    )
  ).rows;
}
