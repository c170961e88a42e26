// Grids as GeoJSON (by bbox, region, kind), one grid, and point → grid location.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../commands/context.ts';
import { getGrid } from '../../commands/grids/get-grid.ts';
import { importGrids } from '../../commands/grids/import-grids.ts';
import { parseCrs, validateLngLat } from '../../domain/geo/crs.ts';
import { invalid } from '../../domain/errors.ts';
import type { BBox } from '../../domain/geo/geometry.ts';
import { scopePrefix } from '../../domain/regions/region-code.ts';
import { scopePatterns } from '../../domain/regions/scope.ts';
import { listGrids, type GridRow } from '../../store/grid-store.ts';
import { actorOf } from '../plugins/auth.ts';
import { RegionCodeParam } from './common-schemas.ts';

function parseBbox(s: string | undefined): BBox | undefined {
  if (s === undefined) return undefined;
  const n = s.split(',').map(Number);
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x))) {
    throw invalid(
      'query.bbox',
      '应为 最小经度,最小纬度,最大经度,最大纬度 四个数字',
      'must be minLng,minLat,maxLng,maxLat',
    );
  }
  const [a, b, c, d] = n as [number, number, number, number];
  if (a > c || b > d || a < -180 || c > 180 || b < -90 || d > 90) {
    throw invalid(
      'query.bbox',
      '范围不合法（最小值须不大于最大值且在经纬度范围内）',
      'is not a valid box (min ≤ max, within lng/lat range)',
    );
  }
  return [a, b, c, d];
}

export function gridFeature(g: GridRow) {
  return {
    type: 'Feature' as const,
    id: g.code,
    properties: {
      code: g.code,
      name: g.name,
      kind: g.kind,
      specialty: g.specialty,
      region_code: g.region_code,
      area_km2: Math.round(g.area_m2 / 1000) / 1000,
      source: g.source,
    },
    geometry: g.geometry,
  };
}

export function gridRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/grids',
      {
        config: { access: 'grids:read' },
        schema: {
          tags: ['grids'],
          summary: '网格 GeoJSON（按范围/区划） Grids as a GeoJSON FeatureCollection',
          querystring: Type.Object({
            bbox: Type.Optional(Type.String({ description: 'minLng,minLat,maxLng,maxLat (WGS-84)' })),
            region: Type.Optional(RegionCodeParam),
            kind: Type.Optional(Type.Union([Type.Literal('basic'), Type.Literal('specialized')])),
            specialty: Type.Optional(
              Type.Union([
                Type.Literal('fire'),
                Type.Literal('environment'),
                Type.Literal('food_drug'),
                Type.Literal('city_management'),
              ]),
            ),
            after: Type.Optional(Type.String({ maxLength: 20 })),
            limit: Type.Integer({ minimum: 1, maximum: 5000, default: 1000 }),
          }),
        },
      },
      async (req) => {
        const q = req.query;
        const rows = await listGrids(ctx.db, {
          bbox: parseBbox(q.bbox),
          regionPrefix: q.region ? scopePrefix(q.region) : undefined,
          kind: q.kind,
          specialty: q.specialty,
          scopePatterns: scopePatterns(actorOf(req).scope),
          afterCode: q.after,
          limit: q.limit,
        });
        return {
          type: 'FeatureCollection',
          features: rows.map(gridFeature),
          next: rows.length === q.limit ? rows[rows.length - 1]!.code : null,
        };
      },
    );

    app.get(
      '/grids/:code',
      {
        config: { access: 'grids:read' },
        schema: {
          tags: ['grids'],
          params: Type.Object({ code: Type.String({ pattern: '^[0-9]{12}([0-9]{3}|[A-Z][0-9]{3})$' }) }),
        },
      },
      async (req) => {
        const { grid, members } = await getGrid(ctx, actorOf(req), req.params.code);
        return { ...gridFeature(grid), members };
      },
    );

    // Raw GeoJSON text, so that errors can point at lines of the uploaded file.
    app.addContentTypeParser(
      ['application/geo+json'],
      { parseAs: 'string', bodyLimit: 50 * 1024 * 1024 },
      (_req, body, done) => {
        done(null, body);
      },
    );
    app.post(
      '/grids/import',
      {
        config: { access: 'grids:write' },
        bodyLimit: 50 * 1024 * 1024,
        schema: {
          tags: ['grids'],
          summary:
            '导入真实网格边界 Import grid boundaries (GeoJSON FeatureCollection, content-type application/geo+json)',
          description:
            'Replaces the generated grids of the villages in the file. All or nothing: every bad feature is reported with its line.',
        },
      },
      async (req) => {
        if (typeof req.body !== 'string') {
          throw invalid(
            'content-type',
            '请以 application/geo+json 上传 GeoJSON 文本',
            'send the GeoJSON text as application/geo+json',
          );
        }
        return importGrids(ctx, req.body, actorOf(req));
      },
    );

    app.get(
      '/locate',
      {
        config: { access: 'grids:read' },
        schema: {
          tags: ['grids'],
          summary: '坐标定位网格 Point → grid, village, township, county',
          querystring: Type.Object({
            lng: Type.Number({ minimum: -180, maximum: 180 }),
            lat: Type.Number({ minimum: -90, maximum: 90 }),
            crs: Type.String({
              default: 'wgs84',
              description: 'wgs84 | gcj02 | bd09 (aliases: amap, baidu, EPSG:4326 …)',
            }),
          }),
        },
      },
      async (req) => {
        const [lng, lat] = validateLngLat(req.query.lng, req.query.lat, 'query.');
        const crs = parseCrs(req.query.crs, 'query.crs');
        return ctx.locator.locate(lng, lat, crs);
      },
    );
  };
}
