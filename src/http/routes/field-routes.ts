// The grid worker's field app (网格员): my grid's tasks, patrols with their track, visits and the
// weekly visit count; and for the console, visit counts per worker against the weekly target.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../commands/context.ts';
import { myTasks } from '../../commands/field/my-tasks.ts';
import { addPatrolPoints, currentPatrol, endPatrol, startPatrol } from '../../commands/field/patrols.ts';
import { recordVisit, visitSummary } from '../../commands/field/visits.ts';
import { parseCrs } from '../../domain/geo/crs.ts';
import type { PatrolRow, VisitRow } from '../../store/field-store.ts';
import { actorOf } from '../plugins/auth.ts';
import { RegionCodeParam, StringEnum } from './common-schemas.ts';

const Key = Type.String({ minLength: 8, maxLength: 100 });
const Lng = Type.Number({ minimum: -180, maximum: 180 });
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Week = Type.String({
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  description: 'any day of the week, YYYY-MM-DD',
});

const patrolView = (p: PatrolRow) => ({
  id: p.id,
  started_at: p.started_at.toISOString(),
  ended_at: p.ended_at?.toISOString() ?? null,
  consent_at: p.consent_at.toISOString(),
  points: p.points,
  distance_m: p.distance_m,
});
const visitView = (v: VisitRow) => ({
  id: v.id,
  kind: v.kind,
  target: v.target,
  note: v.note,
  location: { lng: v.lng, lat: v.lat },
  grid_code: v.grid_code,
  in_own_grid: v.in_own_grid,
  photos: v.photos,
  at: v.at.toISOString(),
});

export function fieldRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/field/tasks',
      {
        config: { access: 'field:work' },
        schema: {
          tags: ['field'],
          summary: '我的网格 My grids, verify tasks with time left, supervision notices',
        },
      },
      async (req) => myTasks(ctx, actorOf(req)),
    );

    app.post(
      '/field/patrols',
      {
        config: { access: 'field:work' },
        schema: {
          tags: ['field'],
          summary: '开始巡查 Start a patrol (consent to keep the track is required)',
          body: Type.Object(
            {
              consent: Type.Boolean(),
              lng: Lng,
              lat: Lat,
              crs: Type.String({ default: 'wgs84' }),
              idempotency_key: Key,
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        const b = req.body;
        const r = await startPatrol(ctx, actorOf(req), {
          consent: b.consent,
          lng: b.lng,
          lat: b.lat,
          crs: parseCrs(b.crs, 'body.crs'),
          idempotencyKey: b.idempotency_key,
        });
        void reply.status(r.replayed ? 200 : 201);
        return { patrol: patrolView(r.patrol), replayed: r.replayed };
      },
    );

    app.get(
      '/field/patrols/open',
      {
        config: { access: 'field:work' },
        schema: {
          tags: ['field'],
          summary: '进行中的巡查 My open patrol (null when none) — to resume it on another device',
        },
      },
      async (req) => {
        const p = await currentPatrol(ctx, actorOf(req));
        return { patrol: p ? patrolView(p) : null };
      },
    );

    app.post(
      '/field/patrols/:id/points',
      {
        config: { access: 'field:work' },
        schema: {
          tags: ['field'],
          summary: '巡查轨迹 Add track points (a resent point is ignored)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: Type.Object(
            {
              crs: Type.String({ default: 'wgs84' }),
              points: Type.Array(
                Type.Object({
                  at: Type.String({ format: 'date-time' }),
                  lng: Lng,
                  lat: Lat,
                  accuracy: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
                }),
                { maxItems: 1000 },
              ),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req) => {
        const crs = parseCrs(req.body.crs, 'body.crs');
        const p = await addPatrolPoints(
          ctx,
          actorOf(req),
          req.params.id,
          req.body.points.map((pt) => ({ ...pt, crs })),
        );
        return { patrol: patrolView(p) };
      },
    );

    app.post(
      '/field/patrols/:id/end',
      {
        config: { access: 'field:work' },
        schema: {
          tags: ['field'],
          summary: '结束巡查 End a patrol',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        },
      },
      async (req) => ({ patrol: patrolView(await endPatrol(ctx, actorOf(req), req.params.id)) }),
    );

    app.post(
      '/field/visits',
      {
        config: { access: 'field:work' },
        schema: {
          tags: ['field'],
          summary: '走访签到 Check in at a household or place (idempotent)',
          body: Type.Object(
            {
              kind: StringEnum(['household', 'place'] as const),
              target: Type.String({ minLength: 1, maxLength: 100 }),
              note: Type.Optional(Type.String({ maxLength: 1000 })),
              lng: Lng,
              lat: Lat,
              crs: Type.String({ default: 'wgs84' }),
              photos: Type.Optional(
                Type.Array(Type.String({ format: 'uuid' }), { maxItems: 9, uniqueItems: true }),
              ),
              at: Type.Optional(Type.String({ format: 'date-time' })),
              idempotency_key: Key,
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        const b = req.body;
        const r = await recordVisit(ctx, actorOf(req), {
          kind: b.kind,
          target: b.target,
          note: b.note,
          lng: b.lng,
          lat: b.lat,
          crs: parseCrs(b.crs, 'body.crs'),
          photos: b.photos,
          at: b.at,
          idempotencyKey: b.idempotency_key,
        });
        void reply.status(r.replayed ? 200 : 201);
        return { visit: visitView(r.visit), replayed: r.replayed };
      },
    );

    app.get(
      '/field/visits/mine',
      {
        config: { access: 'field:work' },
        schema: {
          tags: ['field'],
          summary: '本周走访 My household visits this week (or the week of a day) against the target',
          querystring: Type.Object({ week: Type.Optional(Week) }),
        },
      },
      async (req) => {
        const s = await visitSummary(ctx, actorOf(req), { week: req.query.week, mine: true });
        const me = s.workers[0];
        return { week: s.week, target: s.target, households: me?.households ?? 0, places: me?.places ?? 0 };
      },
    );

    app.get(
      '/visits/summary',
      {
        config: { access: 'cases:read' },
        schema: {
          tags: ['field'],
          summary: '走访统计 Household visits per worker in a week, against the target',
          querystring: Type.Object({ region: Type.Optional(RegionCodeParam), week: Type.Optional(Week) }),
        },
      },
      async (req) => visitSummary(ctx, actorOf(req), { region: req.query.region, week: req.query.week }),
    );
  };
}
