// The outbox: messages written in the same transaction as the change they announce, relayed
// after commit. Rows are claimed with SKIP LOCKED so several relays never send one twice at once.
import type { Queryable } from './db.ts';

export interface OutboxRow {
  id: number;
  topic: string;
  key: string;
  payload: Record<string, unknown>;
  created_at: Date;
  attempts: number;
}

export async function claimOutbox(q: Queryable, limit: number, retryBefore: Date): Promise<OutboxRow[]> {
  return (
    await q.query<OutboxRow>(
      `SELECT id, topic, key, payload, created_at, attempts FROM outbox
       WHERE delivered_at IS NULL AND attempts < 20 AND (attempts = 0 OR created_at < $2)
       ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit, retryBefore],
    )
  ).rows;
}

export async function markDelivered(q: Queryable, ids: number[], at: Date): Promise<void> {
  if (ids.length)
    await q.query(
      'UPDATE outbox SET delivered_at = $2, attempts = attempts + 1 WHERE id = ANY($1::bigint[])',
      [ids, at],
    );
}

export async function markFailed(q: Queryable, id: number, error: string): Promise<void> {
  await q.query('UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [
    id,
    error.slice(0, 500),
  ]);
}
