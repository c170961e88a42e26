// What the deadline sweep reads and writes.
import type { Queryable } from './db.ts';

export interface SweepCandidate {
  id: string;
  code: string;
  state: string;
  colour: 'green' | 'yellow' | 'red';
  dispatched_at: Date;
  deadline_at: Date;
  lead_unit_id: string | null;
  version: number;
}

/**
 * Open cases whose unit clock runs (dispatched or handling, not suspended) and that are not red
 * yet, locked for this sweep; other processes skip them (SKIP LOCKED).
 */
export async function claimSweepCandidates(
  q: Queryable,
  afterId: string,
  limit: number,
): Promise<SweepCandidate[]> {
  return (
    await q.query<SweepCandidate>(
      `SELECT id, code, state, colour, dispatched_at, deadline_at, lead_unit_id, version FROM cases
       WHERE state IN ('dispatched', 'handling') AND suspended_at IS NULL AND deadline_at IS NOT NULL
         AND dispatched_at IS NOT NULL AND colour <> 'red' AND id > $1::uuid
       ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [afterId, limit],
    )
  ).rows;
}

/** Records an automatic supervision order once per case and level; false if it already exists. */
export async function insertAutoSupervision(
  q: Queryable,
  o: { caseId: string; level: 'yellow' | 'red'; unitId: string | null; at: Date; note: string },
): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO supervision_orders (case_id, kind, level, unit_id, issued_at, note) VALUES ($1, 'auto', $2, $3, $4, $5)
     ON CONFLICT (case_id, level) WHERE kind = 'auto' DO NOTHING`,
    [o.caseId, o.level, o.unitId, o.at, o.note],
  );
  return r.rowCount === 1;
}

/** The colour is derived, not an edit: the version stays, so nobody's open form goes stale. */
export async function setCaseColour(q: Queryable, id: string, colour: string, now: Date): Promise<void> {
  await q.query('UPDATE cases SET colour = $2, updated_at = $3 WHERE id = $1', [id, colour, now]);
}
