// The security audit trail: append-only. Retention is at least 180 days (等保三级); nothing here
// deletes rows.
import type { Queryable } from './db.ts';

export interface AuditEntry {
  at: Date;
  actorId?: string | null;
  actorName?: string | null;
  action: string;
  target?: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  ip?: string | null;
  details?: Record<string, unknown> | null;
}

export async function appendAudit(q: Queryable, e: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (at, actor_id, actor_name, action, target, outcome, ip, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      e.at,
      e.actorId ?? null,
      e.actorName ?? null,
      e.action,
      e.target ?? null,
      e.outcome,
      e.ip ?? null,
      e.details ?? null,
    ],
  );
}

export interface AuditRow {
  id: number;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditFilter {
  actorName?: string | undefined;
  action?: string | undefined;
  outcome?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeId?: number | undefined;
  limit: number;
}

/** Newest first, keyset-paginated by id. */
export async function listAudit(q: Queryable, f: AuditFilter): Promise<AuditRow[]> {
  const r = await q.query<AuditRow>(
    `SELECT id, at, actor_id, actor_name, action, target, outcome, ip, details FROM audit_log
     WHERE ($1::text IS NULL OR actor_name = $1) AND ($2::text IS NULL OR action = $2)
       AND ($3::text IS NULL OR outcome = $3) AND ($4::timestamptz IS NULL OR at >= $4)
       AND ($5::timestamptz IS NULL OR at < $5) AND ($6::bigint IS NULL OR id < $6)
     ORDER BY id DESC LIMIT $7`,
    [
      f.actorName ?? null,
      f.action ?? null,
      f.outcome ?? null,
      f.from ?? null,
      f.to ?? null,
      f.beforeId ?? null,
      f.limit,
    ],
  );
  return r.rows;
}
