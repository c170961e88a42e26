// 巡查: a grid worker starts a patrol (after consenting to the track being kept), sends track
// points as they come (in batches, resent safely), and ends it; the distance is summed from the
// track. One open patrol per worker, enforced by the database.
import { AppError, invalid, type FieldIssue } from '../../domain/errors.ts';
import { distanceM } from '../../domain/geo/geometry.ts';
import type { Crs } from '../../domain/geo/crs.ts';
import { toWgs84 } from '../../domain/geo/crs.ts';
import {
  findPatrol,
  insertPatrol,
  insertPatrolPoints,
  openPatrolOf,
  patrolTrack,
  updatePatrolTotals,
  type PatrolRow,
} from '../../store/field-store.ts';
import type { Actor, AppContext } from '../context.ts';

const MAX_POINTS = 1000;

export async function startPatrol(
  ctx: AppContext,
  actor: Actor,
  input: { consent: boolean; lng: number; lat: number; crs: Crs; idempotencyKey: string },
): Promise<{ patrol: PatrolRow; replayed: boolean }> {
  if (!input.consent)
    throw invalid('consent', '开始巡查前请同意记录巡查轨迹', 'the track is kept only with your consent');
  const key = `${actor.userId}:${input.idempotencyKey}`;
  const again = await findPatrol(ctx.db, { key });
  if (again) return { patrol: again, replayed: true };
  const loc = await ctx.locator.locate(input.lng, input.lat, input.crs);
  if (await openPatrolOf(ctx.db, actor.userId))
    throw new AppError('CONFLICT', { details: { reason: 'a patrol is already open; end it first' } });
  const p = await insertPatrol(ctx.db, {
    userId: actor.userId,
    regionCode: loc.village.code,
    at: ctx.clock.now(),
    key,
  });
  return { patrol: p ?? (await findPatrol(ctx.db, { key }))!, replayed: !p };
}

async function ownPatrol(ctx: AppContext, actor: Actor, id: string): Promise<PatrolRow> {
  const p = await findPatrol(ctx.db, { id });
  if (!p || p.user_id !== actor.userId) throw new AppError('NOT_FOUND', { details: { patrol: id } });
  return p;
}

async function totals(ctx: AppContext, id: string): Promise<{ points: number; distanceM: number }> {
  const track = await patrolTrack(ctx.db, id);
  let d = 0;
  for (let i = 1; i < track.length; i++)
    d += distanceM([track[i - 1]!.lng, track[i - 1]!.lat], [track[i]!.lng, track[i]!.lat]);
  return { points: track.length, distanceM: Math.round(d) };
}

export async function addPatrolPoints(
  ctx: AppContext,
  actor: Actor,
  id: string,
  points: { at: string; lng: number; lat: number; accuracy?: number | undefined; crs?: Crs | undefined }[],
): Promise<PatrolRow> {
  const p = await ownPatrol(ctx, actor, id);
  if (p.ended_at) throw new AppError('CONFLICT', { details: { reason: 'the patrol has ended' } });
  if (points.length > MAX_POINTS)
    throw invalid('points', `每次最多 ${MAX_POINTS} 个点`, `at most ${MAX_POINTS} points at a time`);
  const issues: FieldIssue[] = [];
  const now = ctx.clock.now().getTime();
  const rows = points.map((pt, i) => {
    const at = new Date(pt.at);
    if (
      Number.isNaN(at.getTime()) ||
      at.getTime() < p.started_at.getTime() - 60_000 ||
      at.getTime() > now + 60_000
    )
      issues.push({
        field: `points[${i}].at`,
        zh: '时间应在巡查开始之后、当前时间之前',
        en: 'must be between the start and now',
      });
    const [lng, lat] = toWgs84(pt.lng, pt.lat, pt.crs ?? 'wgs84');
    return { at, lng, lat, accuracy: pt.accuracy ?? null };
  });
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
  await insertPatrolPoints(ctx.db, id, rows);
  const t = await totals(ctx, id);
  await updatePatrolTotals(ctx.db, id, t);
  return (await findPatrol(ctx.db, { id }))!;
}

/** The worker's open patrol, if any — so a phone that lost its state (reinstalled, cleared) can
 * pick the patrol up again and end it. */
export async function currentPatrol(ctx: AppContext, actor: Actor): Promise<PatrolRow | null> {
  return (await openPatrolOf(ctx.db, actor.userId)) ?? null;
}

export async function endPatrol(ctx: AppContext, actor: Actor, id: string): Promise<PatrolRow> {
  const p = await ownPatrol(ctx, actor, id);
  if (p.ended_at) return p; // ending twice (a resend) changes nothing
  await updatePatrolTotals(ctx.db, id, { ...(await totals(ctx, id)), endedAt: ctx.clock.now() });
  return (await findPatrol(ctx.db, { id }))!;
}
