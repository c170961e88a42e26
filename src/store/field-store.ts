// Patrols, their track points and visits (migration 0007).
import type { Queryable } from './db.ts';

export interface PatrolRow {
  id: string;
  user_id: string;
  region_code: string;
  started_at: Date;
  ended_at: Date | null;
  consent_at: Date;
  points: number;
  distance_m: number;
  idempotency_key: string;
}

export interface VisitRow {
  id: string;
  user_id: string;
  kind: 'household' | 'place';
  target: string;
  note: string | null;
  lng: number;
  lat: number;
  grid_code: string;
  region_code: string;
  in_own_grid: boolean;
  photos: string[];
  at: Date;
  idempotency_key: string;
}

/** Starts a patrol; null when the key exists (a resend) — the caller reads it. */
export async function insertPatrol(
  q: Queryable,
  p: { userId: string; regionCode: string; at: Date; key: string },
): Promise<PatrolRow | null> {
  const r = await q.query<PatrolRow>(
    `INSERT INTO patrols (user_id, region_code, started_at, consent_at, idempotency_key) VALUES ($1, $2, $3, $3, $4)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
    [p.userId, p.regionCode, p.at, p.key],
  );
  return r.rows[0] ?? null;
}

export async function findPatrol(q: Queryable, where: { id?: string; key?: string }, forUpdate = false) {
  const r = await q.query<PatrolRow>(
    `SELECT * FROM patrols WHERE ${where.id ? 'id = $1' : 'idempotency_key = $1'}${forUpdate ? ' FOR UPDATE' : ''}`,
    [where.id ?? where.key],
  );
  return r.rows[0];
}

export async function openPatrolOf(q: Queryable, userId: string): Promise<PatrolRow | undefined> {
  return (await q.query<PatrolRow>('SELECT * FROM patrols WHERE user_id = $1 AND ended_at IS NULL', [userId]))
    .rows[0];
}

/** Adds track points (a resent point is ignored) and returns how many were new. */
export async function insertPatrolPoints(
  q: Queryable,
  patrolId: string,
  pts: { at: Date; lng: number; lat: number; accuracy: number | null }[],
): Promise<number> {
  if (!pts.length) return 0;
  const r = await q.query(
    `INSERT INTO patrol_points (patrol_id, at, lng, lat, accuracy_m)
     SELECT $1, a, x, y, acc FROM unnest($2::timestamptz[], $3::float8[], $4::float8[], $5::float8[]) AS t(a, x, y, acc)
     ON CONFLICT (patrol_id, at) DO NOTHING`,
    [
      patrolId,
      pts.map((p) => p.at),
      pts.map((p) => p.lng),
      pts.map((p) => p.lat),
      pts.map((p) => p.accuracy),
    ],
  );
  return r.rowCount ?? 0;
}

export async function patrolTrack(
  q: Queryable,
  patrolId: string,
): Promise<{ at: Date; lng: number; lat: number }[]> {
  return (
    await q.query<{ at: Date; lng: number; lat: number }>(
      'SELECT at, lng, lat FROM patrol_points WHERE patrol_id = $1 ORDER BY at',
      [patrolId],
    )
  ).rows;
}

export async function updatePatrolTotals(
  q: Queryable,
  id: string,
  t: { points: number; distanceM: number; endedAt?: Date },
): Promise<void> {
  await q.query(
    'UPDATE patrols SET points = $2, distance_m = $3, ended_at = COALESCE($4, ended_at) WHERE id = $1',
    [id, t.points, t.distanceM, t.endedAt ?? null],
  );
}

export async function insertVisit(q: Queryable, v: Omit<VisitRow, 'id'>): Promise<VisitRow | null> {
  const r = await q.query<VisitRow>(
    `INSERT INTO visits (user_id, kind, target, note, lng, lat, grid_code, region_code, in_own_grid, photos, at, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12) ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
    [
      v.user_id,
      v.kind,
      v.target,
      v.note,
      v.lng,
      v.lat,
      v.grid_code,
      v.region_code,
      v.in_own_grid,
      JSON.stringify(v.photos),
      v.at,
      v.idempotency_key,
    ],
  );
  return r.rows[0] ?? null;
}

export async function findVisitByKey(q: Queryable, key: string): Promise<VisitRow | undefined> {
  return (await q.query<VisitRow>('SELECT * FROM visits WHERE idempotency_key = $1', [key])).rows[0];
}

/** Household visits per worker in [from, to) within the regions, with the workers' names. */
/**
 * Visits per worker in a week: every active member of a grid in the area (so a worker with no
 * visit yet shows 0, not nothing) and anyone else who visited there.
 */
export async function visitCounts(
  q: Queryable,
  f: { like: string[]; from: Date; to: Date; userId?: string | undefined },
): Promise<{ user_id: string; display_name: string; households: number; places: number }[]> {
  return (
    await q.query<{ user_id: string; display_name: string; households: number; places: number }>(
      `WITH counted AS (
         SELECT v.user_id, count(*) FILTER (WHERE v.kind = 'household')::int AS households,
                count(*) FILTER (WHERE v.kind = 'place')::int AS places
         FROM visits v
         WHERE v.at >= $1 AND v.at < $2 AND v.region_code LIKE ANY($3::text[]) AND ($4::uuid IS NULL OR v.user_id = $4)
         GROUP BY v.user_id),
       members AS (
         SELECT DISTINCT gm.user_id FROM grid_members gm JOIN grids g ON g.code = gm.grid_code
         JOIN users u ON u.id = gm.user_id AND u.status = 'active'
         WHERE g.region_code LIKE ANY($3::text[]) AND ($4::uuid IS NULL OR gm.user_id = $4))
       SELECT w.user_id, u.display_name, COALESCE(c.households, 0)::int AS households,
              COALESCE(c.places, 0)::int AS places
       FROM (SELECT user_id FROM members UNION SELECT user_id FROM counted) w
       JOIN users u ON u.id = w.user_id LEFT JOIN counted c ON c.user_id = w.user_id
       ORDER BY households DESC, u.display_name, w.user_id`,
      [f.from, f.to, f.like, f.userId ?? null],
    )
  ).rows;
}

/** The grids a worker belongs to (网格员 / 网格长). */
export async function gridsOfUser(q: Queryable, userId: string): Promise<string[]> {
  return (
    await q.query<{ grid_code: string }>(
      'SELECT grid_code FROM grid_members WHERE user_id = $1 ORDER BY grid_code',
      [userId],
    )
  ).rows.map((r) => r.grid_code);
}
