// What the console's maps need besides grids and cases: the basemap this installation uses, and
// the outlines of a region's children in one answer (counties of a city, townships of a county …).
//
// The basemap comes from the environment, read once when the routes are built and checked there
// (a bad value stops the start with the variable's name, like src/cli/config.ts):
//   WANGGE_BASEMAP          none (default) | tianditu | xyz
//   WANGGE_TIANDITU_KEY     天地图 key (tk), required for tianditu
//   WANGGE_XYZ_URL          https://…/{z}/{x}/{y}.png, required for xyz
//   WANGGE_XYZ_ATTRIBUTION  credit line shown on the map (xyz; tianditu has its own default)
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../commands/context.ts';
import { AppError, type FieldIssue } from '../../domain/errors.ts';
import { isRegionVisible, visibleRegions } from '../../domain/regions/visibility.ts';
import { listChildRegions, regionGeometry } from '../../store/region-store.ts';
import { actorOf } from '../plugins/auth.ts';
import { RegionCodeParam } from './common-schemas.ts';

export interface BasemapConfig {
  basemap: 'none' | 'tianditu' | 'xyz';
  tianditu_key?: string;
  xyz_url?: string;
  attribution?: string;
}

const TIANDITU_ATTRIBUTION = '© 天地图 Tianditu';

/** The basemap from WANGGE_BASEMAP and friends; throws VALIDATION_FAILED naming the bad variable. */
export function basemapFromEnv(env: NodeJS.ProcessEnv = process.env): BasemapConfig {
  const issues: FieldIssue[] = [];
  const kind = env.WANGGE_BASEMAP?.trim() || 'none';
  const attribution = env.WANGGE_XYZ_ATTRIBUTION?.trim() || undefined;
  let cfg: BasemapConfig = { basemap: 'none' };
  if (kind === 'tianditu') {
    const key = env.WANGGE_TIANDITU_KEY?.trim() ?? '';
    if (!/^[0-9A-Za-z]{8,64}$/.test(key)) {
      issues.push({
        field: 'WANGGE_TIANDITU_KEY',
        zh: 'WANGGE_BASEMAP=tianditu 时须设置天地图密钥（tk，8–64 位字母或数字）',
        en: 'must be set to a Tianditu key (tk, 8–64 letters or digits) when WANGGE_BASEMAP=tianditu',
      });
    }
    cfg = { basemap: 'tianditu', tianditu_key: key, attribution: TIANDITU_ATTRIBUTION };
  } else if (kind === 'xyz') {
    const url = env.WANGGE_XYZ_URL?.trim() ?? '';
    if (!/^https?:\/\//.test(url) || !['{z}', '{x}', '{y}'].every((p) => url.includes(p))) {
      issues.push({
        field: 'WANGGE_XYZ_URL',
        zh: 'WANGGE_BASEMAP=xyz 时须设置以 http(s):// 开头、含 {z}、{x}、{y} 的瓦片地址',
        en: 'must be an http(s):// tile URL containing {z}, {x} and {y} when WANGGE_BASEMAP=xyz',
      });
    }
    cfg = { basemap: 'xyz', xyz_url: url, ...(attribution ? { attribution } : {}) };
  } else if (kind !== 'none') {
    issues.push({
      field: 'WANGGE_BASEMAP',
      zh: '应为 none、tianditu 或 xyz',
      en: 'must be none, tianditu or xyz',
    });
  }
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
  return cfg;
}

export function mapConfigRoutes(
  ctx: AppContext,
  env: NodeJS.ProcessEnv = process.env,
): FastifyPluginAsyncTypebox {
  const basemap = basemapFromEnv(env);
  return async (app) => {
    app.get(
      '/map/config',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['map'],
          summary: '底图配置 The basemap: none, 天地图 Tianditu (with its key) or an XYZ tile URL',
        },
      },
      async () => basemap,
    );

    app.get(
      '/map/outlines',
      {
        config: { access: 'regions:read' },
        schema: {
          tags: ['map'],
          summary: '下级区划边界 Outlines of the child regions I may see, as a GeoJSON FeatureCollection',
          querystring: Type.Object({ parent: RegionCodeParam }),
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const parent = req.query.parent;
        if (!isRegionVisible(actor.scope, parent)) {
          throw new AppError('REGION_NOT_FOUND', { details: { code: parent } });
        }
        const children = await listChildRegions(ctx.db, parent, visibleRegions(actor.scope));
        const features = [];
        for (const c of children) {
          const geometry = await regionGeometry(ctx.db, c.code);
          if (!geometry) continue;
          features.push({
            type: 'Feature' as const,
            id: c.code,
            properties: {
              code: c.code,
              name: c.name,
              level: c.level,
              grid_count: c.grid_count,
              center: c.center_lng === null || c.center_lat === null ? null : [c.center_lng, c.center_lat],
            },
            geometry,
          });
        }
        return { type: 'FeatureCollection', features };
      },
    );
  };
}
