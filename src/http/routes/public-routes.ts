// What anyone may see without logging in: published results (晒单) — what was reported, where
// (to the grid, never the exact point), what was done, and when. No personal data. Each item's
// lng/lat is the centre of its grid's bounding box (WGS-84, 5 decimals), for the results map.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../commands/context.ts';
import { padRegionCode, scopePrefix } from '../../domain/regions/region-code.ts';
import { listPublished } from '../../store/case-store.ts';
import { RegionCodeParam } from './common-schemas.ts';

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

export function publicRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/public/results',
      {
        config: { access: 'public' },
        schema: {
          tags: ['public'],
          summary: '晒单 Published results (public, no personal data)',
          querystring: Type.Object({
            region: Type.Optional(RegionCodeParam),
            before: Type.Optional(Type.String({ format: 'date-time' })),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          }),
        },
      },
      async (req) => {
        const q = req.query;
        const rows = await listPublished(ctx.db, {
          regionPrefix: scopePrefix(q.region ?? padRegionCode(ctx.config.cityCode)),
          before: q.before ? new Date(q.before) : undefined,
          limit: q.limit,
        });
        return {
          items: rows.map((r) => ({
            code: r.code,
            category: r.category_name,
            place: [r.village_name, r.grid_name].filter(Boolean).join(' · '),
            grid_code: r.grid_code,
            lng: r.grid_lng === null ? null : round5(Number(r.grid_lng)),
            lat: r.grid_lat === null ? null : round5(Number(r.grid_lat)),
            result: r.result,
            reported_at: r.reported_at.toISOString(),
            closed_at: r.closed_at?.toISOString() ?? null,
            published_at: r.published_at.toISOString(),
            satisfaction: r.satisfaction,
          })),
          next: rows.length === q.limit ? rows[rows.length - 1]!.published_at.toISOString() : null,
        };
      },
    );
  };
}
