// Residents' portal sessions (resident_sessions). The token is never stored: only its hash. Ended
// sessions are deleted, not marked, so nothing about a resident outlives their login.
import type { Queryable } from './db.ts';

export interface ResidentSessionRow {
  id: string;
  phone_hash: string;
  phone_sealed: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

export async function insertResidentSession(q: Queryable, s: ResidentSessionRow): Promise<void> {
  await q.query(
    `INSERT INTO resident_sessions (id, phone_hash, phone_sealed, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [s.id, s.phone_hash, s.phone_sealed, s.created_at, s.last_seen_at, s.expires_at],
  );
}

export async function findResidentSession(q: Queryable, id: string): Promise<ResidentSessionRow | undefined> {
  return (
    await q.query<ResidentSessionRow>(
      `SELECT id, phone_hash, phone_sealed, created_at, last_seen_at, expires_at FROM resident_sessions WHERE id = $1`,
      [id],
    )
  ).rows[0];
}

export async function touchResidentSession(q: Queryable, id: string, now: Date): Promise<void> {
  await q.query('UPDATE resident_sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2', [
    id,
    now,
  ]);
}

/** Deletes one session; true when there was one. */
export async function deleteResidentSession(q: Queryable, id: string): Promise<boolean> {
  return (await q.query('DELETE FROM resident_sessions WHERE id = $1', [id])).rowCount > 0;
}

/** Deletes every session past its absolute lifetime or idle since `idleSince`; returns how many. */
export async function purgeResidentSessions(q: Queryable, now: Date, idleSince: Date): Promise<number> {
  return (
    await q.query('DELETE FROM resident_sessions WHERE expires_at <= $1 OR last_seen_at < $2', [
      now,
      idleSince,
    ])
  ).rowCount;
}
