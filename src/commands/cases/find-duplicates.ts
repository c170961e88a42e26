// Likely duplicates of a case (疑似重复): open cases of the same category within the configured
// radius (default 100 m) reported in the last N days (default 7), nearest first. The database
// gives candidates in a bounding box (at intake inside the intake statement itself, see
// insertReportedCase); the exact distance and the order are decided here.
import { distanceM } from '../../domain/geo/geometry.ts';
import { nearbyOpenCases, type CaseRow, type DuplicateWindow } from '../../store/case-store.ts';
import type { AppContext } from '../context.ts';

export interface Duplicate<C extends Pick<CaseRow, 'lng' | 'lat'>> {
  case: C;
  distance_m: number;
}

/** The box and the period to look for duplicates of a report at (lng, lat) in `categoryCode`. */
export function duplicateWindow(
  ctx: AppContext,
  categoryCode: string,
  lng: number,
  lat: number,
): DuplicateWindow {
  const r = ctx.config.duplicateRadiusM;
  return {
    categoryCode,
    lng,
    lat,
    dLat: r / 111_320,
    dLng: r / (111_320 * Math.cos((lat * Math.PI) / 180)),
    since: new Date(ctx.clock.now().getTime() - ctx.config.duplicateDays * 86_400_000),
  };
}

/** Candidates within the radius, nearest first. */
export function rankDuplicates<C extends Pick<CaseRow, 'lng' | 'lat'>>(
  ctx: AppContext,
  at: { lng: number; lat: number },
  candidates: C[],
): Duplicate<C>[] {
  const r = ctx.config.duplicateRadiusM;
  return candidates
    .map((x) => ({ case: x, distance_m: Math.round(distanceM([at.lng, at.lat], [x.lng, x.lat])) }))
    .filter((x) => x.distance_m <= r)
    .sort((a, b) => a.distance_m - b.distance_m);
}

export async function findDuplicates(ctx: AppContext, c: CaseRow): Promise<Duplicate<CaseRow>[]> {
  if (!c.category_code) return [];
  const rows = await nearbyOpenCases(ctx.db, {
    ...duplicateWindow(ctx, c.category_code, c.lng, c.lat),
    excludeId: c.id,
  });
  return rankDuplicates(ctx, c, rows);
}
