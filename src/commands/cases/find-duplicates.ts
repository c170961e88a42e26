// Likely duplicates of a case (疑似重复): open cases of the same category within the configured
// radius (default 100 m) reported in the last N days (default 7), nearest first.
import { distanceM } from '../../domain/geo/geometry.ts';
import { nearbyOpenCases, type CaseRow } from '../../store/case-store.ts';
import type { AppContext } from '../context.ts';

export async function findDuplicates(
  ctx: AppContext,
  c: CaseRow,
): Promise<{ case: CaseRow; distance_m: number }[]> {
  if (!c.category_code) return [];
  const r = ctx.config.duplicateRadiusM;
  const dLat = r / 111_320;
  const dLng = r / (111_320 * Math.cos((c.lat * Math.PI) / 180));
  const since = new Date(ctx.clock.now().getTime() - ctx.config.duplicateDays * 86_400_000);
  const rows = await nearbyOpenCases(ctx.db, {
    categoryCode: c.category_code,
    lng: c.lng,
    lat: c.lat,
    dLng,
    dLat,
    since,
    excludeId: c.id,
  });
  return rows
    .map((x) => ({ case: x, distance_m: Math.round(distanceM([c.lng, c.lat], [x.lng, x.lat])) }))
    .filter((x) => x.distance_m <= r)
    .sort((a, b) => a.distance_m - b.distance_m);
}
