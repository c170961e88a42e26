// 走访 / 签到: a grid worker checks in at a household or a place with a note (and photos), located to
// its grid — noting whether it lies in the worker's own grids — once per idempotency key; and the
// weekly count of household visits against the target (default 30 a week), for the worker and for
// the console's reports.
import { dayOfInstant, dayStartMs, weekdayOf } from '../../domain/calendar/local-date.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import type { Crs } from '../../domain/geo/crs.ts';
import { assertInScope, scopePatterns } from '../../domain/regions/scope.ts';
import { scopePrefix } from '../../domain/regions/region-code.ts';
import type { attachToCase } from '../../store/attachment-store.ts';
import {
  findVisitByKey,
  gridsOfUser,
  insertVisit,
  visitCounts,
  type VisitRow,
} from '../../store/field-store.ts';
import type { Actor, AppContext } from '../context.ts';

export async function recordVisit(
  ctx: AppContext,
  actor: Actor,
  input: {
    kind: 'household' | 'place';
    target: string;
    note?: string | undefined;
    lng: number;
    lat: number;
    crs: Crs;
    photos?: string[] | undefined;
    /** When the worker checked in (an offline queue sends it later); default now. */
    at?: string | undefined;
    idempotencyKey: string;
  },
): Promise<{ visit: VisitRow; replayed: boolean }> {
  const key = `${actor.userId}:${input.idempotencyKey}`;
  const again = await findVisitByKey(ctx.db, key);
  if (again) return { visit: again, replayed: true };
  const target = input.target.trim();
  if (!target) throw invalid('target', '请填写走访的住户或场所', 'must name the household or place');
  const now = ctx.clock.now();
  const at = input.at ? new Date(input.at) : now;
  if (
    Number.isNaN(at.getTime()) ||
    at > new Date(now.getTime() + 60_000) ||
    now.getTime() - at.getTime() > 7 * 86_400_000
  )
    throw invalid('at', '走访时间应在最近 7 天内', 'must be within the last 7 days');
  const loc = await ctx.locator.locate(input.lng, input.lat, input.crs);
  const mine = await gridsOfUser(ctx.db, actor.userId);
  const visit = await ctx.db.tx(async (q) => {
    const v = await insertVisit(q, {
      user_id: actor.userId,
      kind: input.kind,
      target,
      note: input.note?.trim() || null,
      lng: loc.lng,
      lat: loc.lat,
      grid_code: loc.grid.code,
      region_code: loc.village.code,
      in_own_grid: mine.includes(loc.grid.code),
      photos: input.photos ?? [],
      at,
      idempotency_key: key,
    });
    // Photos must be the worker's own uploads; they stay unbound to any case.
    if (v && input.photos?.length) await checkOwnPhotos(q, input.photos, actor.userId);
    return v;
  });
  if (!visit) return { visit: (await findVisitByKey(ctx.db, key))!, replayed: true };
  return { visit, replayed: false };
}

async function checkOwnPhotos(q: Parameters<typeof attachToCase>[0], ids: string[], userId: string) {
  const r = await q.query('SELECT 1 FROM attachments WHERE id = ANY($1::uuid[]) AND created_by = $2', [
    ids,
    userId,
  ]);
  if (r.rowCount !== new Set(ids).size)
    throw new AppError('VALIDATION_FAILED', {
      issues: [
        { field: 'photos', zh: '照片不存在或不是您上传的', en: 'unknown photo or uploaded by someone else' },
      ],
    });
}

/** The local (Asia/Shanghai) week containing `day` ('YYYY-MM-DD' or now): Monday 00:00 to the next. */
export function weekOf(instant: Date): { from: Date; to: Date } {
  const d = dayOfInstant(instant.getTime());
  const monday = d - ((weekdayOf(d) + 6) % 7);
  return { from: new Date(dayStartMs(monday)), to: new Date(dayStartMs(monday + 7)) };
}

export async function visitSummary(
  ctx: AppContext,
  actor: Actor,
  input: { region?: string | undefined; week?: string | undefined; mine?: boolean },
) {
  const ref = input.week ? new Date(`${input.week}T12:00:00+08:00`) : ctx.clock.now();
  if (Number.isNaN(ref.getTime())) throw invalid('week', '应为日期 YYYY-MM-DD', 'must be a date YYYY-MM-DD');
  const { from, to } = weekOf(ref);
  let like: string[];
  if (input.mine) like = ['%'];
  else if (input.region) {
    assertInScope(actor.scope, input.region);
    like = [scopePrefix(input.region) + '%'];
  } else like = scopePatterns(actor.scope);
  const rows = await visitCounts(ctx.db, { like, from, to, userId: input.mine ? actor.userId : undefined });
  const target = ctx.config.visitWeeklyTarget;
  return {
    week: { from: from.toISOString(), to: to.toISOString() },
    target,
    workers: rows.map((r) => ({ ...r, met: r.households >= target })),
  };
}
