// Users, their region subtrees and units. All SQL about people who use the system lives here.
import type { Queryable } from './db.ts';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  status: 'active' | 'disabled';
  failed_attempts: number;
  locked_until: Date | null;
  password_changed_at: Date;
  must_change_password: boolean;
  last_login_at: Date | null;
  version: number;
  created_at: Date;
  regions: string[];
  units: string[];
}

const SELECT_USER = `
  SELECT u.id, u.username, u.display_name, u.password_hash, u.roles, u.status, u.failed_attempts,
         u.locked_until, u.password_changed_at, u.must_change_password, u.last_login_at, u.version, u.created_at,
         COALESCE((SELECT array_agg(region_code ORDER BY region_code) FROM user_regions r WHERE r.user_id = u.id), '{}') AS regions,
         COALESCE((SELECT array_agg(unit_id ORDER BY unit_id) FROM user_units x WHERE x.user_id = u.id), '{}') AS units
  FROM users u`;

export async function findUserByUsername(q: Queryable, username: string): Promise<UserRow | undefined> {
  return (await q.query<UserRow>(`${SELECT_USER} WHERE u.username = $1`, [username])).rows[0];
}

export async function findUserById(q: Queryable, id: string): Promise<UserRow | undefined> {
  return (await q.query<UserRow>(`${SELECT_USER} WHERE u.id = $1`, [id])).rows[0];
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  roles: string[];
  regions: string[];
  units: string[];
  mustChangePassword: boolean;
  now: Date;
}

export async function insertUser(q: Queryable, u: NewUser): Promise<string> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO users (username, display_name, password_hash, roles, must_change_password, password_changed_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $6) RETURNING id`,
    [u.username, u.displayName, u.passwordHash, u.roles, u.mustChangePassword, u.now],
  );
  const id = r.rows[0]!.id;
  await setUserBindings(q, id, u.regions, u.units);
  return id;
}

export async function setUserBindings(
  q: Queryable,
  id: string,
  regions: string[],
  units: string[],
): Promise<void> {
  await q.query('DELETE FROM user_regions WHERE user_id = $1', [id]);
  await q.query('DELETE FROM user_units WHERE user_id = $1', [id]);
  if (regions.length) {
    await q.query('INSERT INTO user_regions (user_id, region_code) SELECT $1, unnest($2::text[])', [
      id,
      regions,
    ]);
  }
  if (units.length)
    await q.query('INSERT INTO user_units (user_id, unit_id) SELECT $1, unnest($2::text[])', [id, units]);
}

export interface UserPatch {
  displayName?: string | undefined;
  roles?: string[] | undefined;
  status?: 'active' | 'disabled' | undefined;
}

/** Optimistic update: returns false when the version no longer matches. */
export async function updateUser(
  q: Queryable,
  id: string,
  version: number,
  p: UserPatch,
  now: Date,
): Promise<boolean> {
  const r = await q.query(
    `UPDATE users SET display_name = COALESCE($3, display_name), roles = COALESCE($4, roles),
       status = COALESCE($5, status), version = version + 1, updated_at = $6
     WHERE id = $1 AND version = $2`,
    [id, version, p.displayName ?? null, p.roles ?? null, p.status ?? null, now],
  );
  return r.rowCount === 1;
}

export async function recordLoginFailure(
  q: Queryable,
  id: string,
  failures: number,
  lockedUntil: Date | null,
): Promise<void> {
  await q.query('UPDATE users SET failed_attempts = $2, locked_until = $3 WHERE id = $1', [
    id,
    failures,
    lockedUntil,
  ]);
}

export async function recordLoginSuccess(q: Queryable, id: string, now: Date): Promise<void> {
  await q.query(
    'UPDATE users SET failed_attempts = 0, locked_until = NULL, last_login_at = $2 WHERE id = $1',
    [id, now],
  );
}

export async function setPassword(
  q: Queryable,
  id: string,
  hash: string,
  mustChange: boolean,
  now: Date,
): Promise<void> {
  await q.query(
    `UPDATE users SET password_hash = $2, must_change_password = $3, password_changed_at = $4,
       failed_attempts = 0, locked_until = NULL, version = version + 1, updated_at = $4 WHERE id = $1`,
    [id, hash, mustChange, now],
  );
}

export interface UserListFilter {
  scopePatterns: string[];
  text?: string | undefined;
  role?: string | undefined;
  afterUsername?: string | undefined;
  limit: number;
}

/** Users bound to a region inside the scope (or to a unit whose region is inside it). */
export async function listUsers(q: Queryable, f: UserListFilter): Promise<UserRow[]> {
  const r = await q.query<UserRow>(
    `${SELECT_USER}
     WHERE (EXISTS (SELECT 1 FROM user_regions r WHERE r.user_id = u.id AND r.region_code LIKE ANY($1::text[]))
         OR EXISTS (SELECT 1 FROM user_units x JOIN units n ON n.id = x.unit_id
                    WHERE x.user_id = u.id AND n.region_code LIKE ANY($1::text[])))
       AND ($2::text IS NULL OR u.username ILIKE '%' || $2 || '%' OR u.display_name ILIKE '%' || $2 || '%')
       AND ($3::text IS NULL OR $3 = ANY(u.roles))
       AND ($4::text IS NULL OR u.username > $4)
     ORDER BY u.username LIMIT $5`,
    [f.scopePatterns, f.text ?? null, f.role ?? null, f.afterUsername ?? null, f.limit],
  );
  return r.rows;
}

/** Region codes of the units a user handles for (unit handlers' scope). */
export async function unitRegions(q: Queryable, unitIds: string[]): Promise<string[]> {
  if (!unitIds.length) return [];
  const r = await q.query<{ region_code: string }>(
    'SELECT region_code FROM units WHERE id = ANY($1::text[])',
    [unitIds],
  );
  return r.rows.map((x) => x.region_code);
}
