// Administrative outlines for the residents' maps (no basemap): the child regions of a region of
// this city — counties of the city, townships of a county, villages/communities of a township —
// so that a resident can find their community when picking a point and see the area of the
// results map. Public data (boundaries, names); coordinates rounded to 5 decimals (~1 m).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../commands/context.ts';
import { AppError } from '../../domain/errors.ts';
import type { AreaGeometry, Ring } from '../../domain/geo/geometry.ts';
import { levelOf, padRegionCode, scopePrefix } from '../../domain/regions/region-code.ts';
import { findRegion, listChildRegions, regionGeometry } from '../../store/region-store.ts';
import { RegionCodeParam } from './common-schemas.ts';

const r5 = (x: number) => Math.round(x * 1e5) / 1e5;
function rounded(g: AreaGeometry): AreaGeometry {
  const ring = (r: Ring): Ring => r.map((p) => [r5(p[0]), r5(p[1])] as const);
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}

export function publicOutlineRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/public/outlines',
      {
        config: { access: 'public', rateLimit: { max: 300, windowS: 600 } },
        schema: {
          tags: ['public'],
          summary: '区划边界 Outlines of a region’s children in this city (GeoJSON), for residents’ maps',
          querystring: Type.Object({ parent: Type.Optional(RegionCodeParam) }),
        },
      },
      async (req, reply) => {
        const city = padRegionCode(ctx.config.cityCode);
        const parent = req.query.parent ?? city;
        const region = await findRegion(ctx.db, parent);
        if (!region || !parent.startsWith(scopePrefix(city)) || levelOf(parent) === 'village')
          throw new AppError('REGION_NOT_FOUND', { details: { code: parent } });
        const children = await listChildRegions(ctx.db, parent, {
          patterns: [scopePrefix(city) + '%'],
          ancestors: [],
        });
        const features = [];
        for (const c of children) {
          const geometry = await regionGeometry(ctx.db, c.code);
          if (!geometry) continue;
          features.push({
            type: 'Feature' as const,
            id: Number(c.code.slice(0, 12)),
            properties: {
              code: c.code,
              name: c.name,
              level: c.level,
              center:
                c.center_lng === null || c.center_lat === null ? null : [r5(c.center_lng), r5(c.center_lat)],
            },
            geometry: rounded(geometry),
          });
        }
        void reply.header('cache-control', 'public, max-age=3600');
        return {
          type: 'FeatureCollection',
          parent: {
            code: region.code,
            name: region.name,
            level: region.level,
            bbox:
              region.min_lng === null
                ? null
                : [region.min_lng, region.min_lat, region.max_lng, region.max_lat].map((x) => r5(Number(x))),
          },
          features,
        };
      },
    );
  };
}
