// What the map (一张图) draws over the grids: open cases as points and open/overdue counts per grid,
// in the caller's scope. Open cases only, read through the (state, region_code) index.
import { OPEN_STATES } from '../domain/cases/lifecycle.ts';
import type { Queryable } from './db.ts';

export interface CasePoint {
  id: string;
  code: string;
  lng: number;
  lat: number;
  colour: 'green' | 'yellow' | 'red';
  state: string;
  category_code: string | null;
}

export async function openCasePoints(
  q: Queryable,
  f: { like: string[]; limit: number; categoryCode?: string | undefined },
): Promise<CasePoint[]> {
  return (
    await q.query<CasePoint>(
      `SELECT id, code, lng, lat, colour, state, category_code FROM cases
       WHERE state = ANY($1::text[]) AND region_code LIKE ANY($2::text[])
         AND ($4::text IS NULL OR category_code = $4)
       ORDER BY reported_at DESC LIMIT $3`,
      [OPEN_STATES, f.like, f.limit, f.categoryCode ?? null],
    )
  ).rows;
}

export async function openCasesByGrid(
  q: Queryable,
  f: { like: string[] },
): Promise<{ grid_code: string; open: number; overdue: number }[]> {
  return (
    await q.query<{ grid_code: string; open: number; overdue: number }>(
      `SELECT grid_code, count(*)::int AS open, count(*) FILTER (WHERE colour = 'red')::int AS overdue
       FROM cases WHERE state = ANY($1::text[]) AND region_code LIKE ANY($2::text[])
       GROUP BY grid_code ORDER BY grid_code`,
      [OPEN_STATES, f.like],
    )
  ).rows;
}
