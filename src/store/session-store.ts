// Sessions in the database (stateless app processes). The token is never stored: only its hash.
import type { Queryable } from './db.ts';

export interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export async function insertSession(
  q: Queryable,
  s: { id: string; userId: string; now: Date; expiresAt: Date; ip: string | null; userAgent: string | null },
): Promise<void> {
  await q.query(
    `INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent) VALUES ($1, $2, $3, $3, $4, $5, $6)`,
    [s.id, s.userId, s.now, s.expiresAt, s.ip, s.userAgent],
  );
}

export async function findSession(q: Queryable, id: string): Promise<SessionRow | undefined> {
  return (
    await q.query<SessionRow>(
      'SELECT id, user_id, created_at, last_seen_at, expires_at, revoked_at FROM sessions WHERE id = $1',
      [id],
    )
  ).rows[0];
}

export async function touchSession(q: Queryable, id: string, now: Date): Promise<void> {
  await q.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [id, now]);
}

export async function revokeSession(q: Queryable, id: string, now: Date): Promise<void> {
  await q.query('UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, now]);
}

export async function revokeUserSessions(
  q: Queryable,
  userId: string,
  now: Date,
  exceptId?: string,
): Promise<void> {
  await q.query(
    'UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND id <> $3',
    [userId, now, exceptId ?? ''],
  );
}
