// Units serving a region chain, for dispatch suggestions.
import type { UnitCandidate } from '../domain/cases/dispatch-rules.ts';
import type { Queryable } from './db.ts';

export async function unitsInChain(q: Queryable, regionCodes: string[]): Promise<UnitCandidate[]> {
  return (
    await q.query<UnitCandidate>(
      `SELECT id, function, region_code FROM units WHERE active AND region_code = ANY($1::text[]) ORDER BY id`,
      [regionCodes],
    )
  ).rows;
}
