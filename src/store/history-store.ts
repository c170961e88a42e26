// What the demo history generator reads (the city's grids with their village, township and
// county, the active units, the demo accounts) and writes: cases, their events, supervision
// orders and photo attachments in set-based inserts of one chunk each (jsonb_to_recordset: one
// statement per table, whatever the chunk size), and blocks of case numbers from the sequence.
import type { AreaGeometry } from '../domain/geo/geometry.ts';
import type { Queryable } from './db.ts';

/** A basic grid with the names and kinds of its village, township and county. */
export interface HistoryGridRow {
  code: string;
  region_code: string;
  geometry: AreaGeometry;
  min_lng: number;
  min_lat: number;
  max_lng: number;
  max_lat: number;
  village_name: string;
  village_kind: string | null;
  township_code: string;
  township_name: string;
  township_kind: string | null;
  county_name: string;
}

/** The basic grids of a city (4-digit code), each with its village, township and county. */
export async function listHistoryGrids(q: Queryable, cityCode: string): Promise<HistoryGridRow[]> {
  return (
    await q.query<HistoryGridRow>(
      `SELECT g.code, g.region_code, g.geometry, g.min_lng, g.min_lat, g.max_lng, g.max_lat,
              v.name AS village_name, v.kind AS village_kind, t.code AS township_code,
              t.name AS township_name, t.kind AS township_kind, c.name AS county_name
       FROM grids g
       JOIN regions v ON v.code = g.region_code
       JOIN regions t ON t.code = v.parent_code
       JOIN regions c ON c.code = t.parent_code
       WHERE g.kind = 'basic' AND g.code LIKE $1 || '%'
       ORDER BY g.code`,
      [cityCode],
    )
  ).rows;
}

export interface HistoryUnitRow {
  id: string;
  name: string;
  function: string;
  region_code: string;
}

/** Every active unit, ordered by id as the dispatch suggestion reads them. */
export async function listHistoryUnits(q: Queryable): Promise<HistoryUnitRow[]> {
  return (
    await q.query<HistoryUnitRow>(
      'SELECT id, name, function, region_code FROM units WHERE active ORDER BY id',
    )
  ).rows;
}

export interface HistoryUserRow {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
  unit_ids: string[];
}

/** Active accounts by username, with the units they handle for. */
export async function listHistoryUsers(q: Queryable, usernames: string[]): Promise<HistoryUserRow[]> {
  return (
    await q.query<HistoryUserRow>(
      `SELECT u.id, u.username, u.display_name, u.roles,
              ARRAY(SELECT uu.unit_id FROM user_units uu WHERE uu.user_id = u.id ORDER BY uu.unit_id) AS unit_ids
       FROM users u WHERE u.username = ANY($1::text[]) AND u.status = 'active'`,
      [usernames],
    )
  ).rows;
}

/** `n` fresh case numbers from the same sequence intake uses, ascending: no later intake collides. */
export async function reserveCaseNumbers(q: Queryable, n: number): Promise<number[]> {
  const r = await q.query<{ n: number }>(
    `SELECT nextval('case_number_seq')::int8 AS n FROM generate_series(1, $1::int) ORDER BY 1`,
    [n],
  );
  return r.rows.map((x) => Number(x.n));
}

/** One chunk of generated history, each table as a JSON array of rows (see the column lists below). */
export interface HistoryChunkJson {
  cases: string;
  events: string;
  orders: string;
  attachments: string;
}

const CASE_COLUMNS = `id uuid, code text, channel text, state text, category_code text, urgency text,
  title text, description text, address text, lng float8, lat float8, grid_code text, region_code text,
  reporter_name_sealed text, reporter_phone_sealed text, reporter_phone_hash text, reporter_user_id uuid,
  idempotency_key text, lead_unit_id text, pending_request text, pending_request_data jsonb,
  deadline_at timestamptz, suspended_at timestamptz, suspended_ms int8, colour text, merged_into uuid,
  verified boolean, rework_count int, return_count int, reassign_count int, reopen_count int,
  satisfaction text, published_at timestamptz, result text, reported_at timestamptz,
  registered_at timestamptz, dispatched_at timestamptz, acknowledged_at timestamptz,
  reported_back_at timestamptz, closed_at timestamptz, version int, updated_at timestamptz`;
const EVENT_COLUMNS = `case_id uuid, at timestamptz, actor_id uuid, actor_name text, actor_role text,
  action text, from_state text, to_state text, note text, attachments jsonb, data jsonb`;
const ORDER_COLUMNS = `case_id uuid, kind text, level text, unit_id text, issued_at timestamptz,
  issued_by uuid, note text`;
const ATTACHMENT_COLUMNS = `id uuid, case_id uuid, media_type text, size_bytes int, sha256 text,
  storage_key text, created_at timestamptz, created_by uuid`;

const names = (columns: string): string =>
  columns
    .split(',')
    .map((c) => c.trim().split(/\s+/)[0])
    .join(', ');

/** True when the session may switch off trigger checks for a bulk load (superuser, as on PGlite). */
export async function canBulkLoadWithoutTriggers(q: Queryable): Promise<boolean> {
  const r = await q.query<{ su: boolean }>(`SELECT current_setting('is_superuser') = 'on' AS su`);
  return r.rows[0]?.su === true;
}

/**
 * Inserts one chunk: cases, then their events (a function scan keeps the array order, so event
 * ids follow it), orders, photos. With `skipTriggers` (a superuser session, in a transaction) the
 * foreign-key triggers are off for this transaction only, as pg_restore does: every row refers to
 * a case of the same chunk or to a unit or account read just before.
 */
export async function insertHistoryChunk(
  q: Queryable,
  chunk: HistoryChunkJson,
  skipTriggers = false,
): Promise<void> {
  if (skipTriggers) await q.query('SET LOCAL session_replication_role = replica');
  const insert = async (table: string, columns: string, json: string): Promise<void> => {
    const list = names(columns);
    await q.query(
      `INSERT INTO ${table} (${list}) SELECT ${list} FROM jsonb_to_recordset($1::jsonb) AS x(${columns})`,
      [json],
    );
  };
  await insert('cases', CASE_COLUMNS, chunk.cases);
  await insert('case_events', EVENT_COLUMNS, chunk.events);
  if (chunk.orders !== '[]') await insert('supervision_orders', ORDER_COLUMNS, chunk.orders);
  if (chunk.attachments !== '[]') await insert('attachments', ATTACHMENT_COLUMNS, chunk.attachments);
}
