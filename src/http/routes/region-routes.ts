// The administrative tree (行政区划): children, one region with its path and outline, search.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../commands/context.ts';
import { getRegion } from '../../commands/regions/get-region.ts';
import { scopePatterns } from '../../domain/regions/scope.ts';
import { visibleRegions } from '../../domain/regions/visibility.ts';
import { listChildRegions, regionGeometry, searchRegions, type RegionRow } from '../../store/region-store.ts';
import { actorOf } from '../plugins/auth.ts';
import { RegionCodeParam } from './common-schemas.ts';

export function regionView(r: RegionRow) {
  return {
    code: r.code,
    name: r.name,
    level: r.level,
    kind: r.kind,
    parent_code: r.parent_code,
    center: r.center_lng === null || r.center_lat === null ? null : [r.center_lng, r.center_lat],
    bbox: r.min_lng === null ? null : [r.min_lng, r.min_lat, r.max_lng, r.max_lat],
    child_count: r.child_count,
    grid_count: r.grid_count,
  };
}

export function regionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/regions',
      {
        config: { access: 'regions:read' },
        schema: {
          tags: ['regions'],
          summary: '下级区划 Child regions (top level without parent)',
          querystring: Type.Object({ parent: Type.Optional(RegionCodeParam) }),
        },
      },
      async (req) => {
        const rows = await listChildRegions(
          ctx.db,
          req.query.parent ?? null,
          visibleRegions(actorOf(req).scope),
        );
        return { items: rows.map(regionView) };
      },
    );

    app.get(
      '/regions/search',
      {
        config: { access: 'regions:read' },
        schema: {
          tags: ['regions'],
          summary: '按名称搜索区划 Search regions by name',
          querystring: Type.Object({
            q: Type.String({ minLength: 1, maxLength: 30 }),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          }),
        },
      },
      async (req) => ({
        items: (
          await searchRegions(ctx.db, req.query.q, scopePatterns(actorOf(req).scope), req.query.limit)
        ).map(regionView),
      }),
    );

    app.get(
      '/regions/:code',
      {
        config: { access: 'regions:read' },
        schema: { tags: ['regions'], params: Type.Object({ code: RegionCodeParam }) },
      },
      async (req) => {
        const { region, path } = await getRegion(ctx, actorOf(req), req.params.code);
        return {
          region: regionView(region),
          path: path.map((p) => ({ code: p.code, name: p.name, level: p.level })),
        };
      },
    );

    app.get(
      '/regions/:code/geometry',
      {
        config: { access: 'regions:read' },
        schema: {
          tags: ['regions'],
          summary: '区划边界 GeoJSON outline',
          params: Type.Object({ code: RegionCodeParam }),
        },
      },
      async (req) => {
        const { region } = await getRegion(ctx, actorOf(req), req.params.code);
        return {
          type: 'Feature',
          id: region.code,
          properties: { code: region.code, name: region.name, level: region.level },
          geometry: await regionGeometry(ctx.db, region.code),
        };
      },
    );
  };
}
