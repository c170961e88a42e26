// API keys of outside clients (Open311). All SQL about api_keys lives here. Keys are looked up by
// their SHA-256: the plain key is never stored.
import { createHash } from 'node:crypto';
import type { Queryable } from './db.ts';

export interface ApiKeyRow {
  id: string;
  name: string;
  active: boolean;
  created_at: Date;
  last_used_at: Date | null;
}

/** The stored form of a key: lower-case hex SHA-256 of its UTF-8 bytes. */
export function hashApiKey(plain: string): string {
  return createHash('sha256').update(plain, 'utf8').digest('hex');
}

const SELECT_KEY = 'SELECT id, name, active, created_at, last_used_at FROM api_keys';

/** The active key with this plain value, undefined when unknown or revoked. */
export async function findActiveApiKey(q: Queryable, plain: string): Promise<ApiKeyRow | undefined> {
  return (await q.query<ApiKeyRow>(`${SELECT_KEY} WHERE key_hash = $1 AND active`, [hashApiKey(plain)]))
    .rows[0];
}

/** Inserts a key unless its name or hash exists; true when it was added. */
export async function insertApiKey(
  q: Queryable,
  k: { name: string; plain: string; now: Date },
): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO api_keys (key_hash, name, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [hashApiKey(k.plain), k.name, k.now],
  );
  return r.rowCount === 1;
}

/** Records that a key was used now (shown to administrators; stale keys can be revoked). */
export async function touchApiKey(q: Queryable, id: string, now: Date): Promise<void> {
  await q.query('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [id, now]);
}

/** Revokes or re-enables a key by name; false when there is no such key. */
export async function setApiKeyActive(q: Queryable, name: string, active: boolean): Promise<boolean> {
  const r = await q.query('UPDATE api_keys SET active = $2 WHERE name = $1', [name, active]);
  return r.rowCount === 1;
}

export async function listApiKeys(q: Queryable): Promise<ApiKeyRow[]> {
  return (await q.query<ApiKeyRow>(`${SELECT_KEY} ORDER BY name`)).rows;
}
