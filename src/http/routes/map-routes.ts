// The map's case layer (一张图): open cases in scope as points (for clustered markers), and the
// open / overdue counts per grid (to colour the grids). Grids themselves come from GET /grids.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../commands/context.ts';
import { assertInScope, scopePatterns } from '../../domain/regions/scope.ts';
import { scopePrefix } from '../../domain/regions/region-code.ts';
import { openCasePoints, openCasesByGrid } from '../../store/map-store.ts';
import { actorOf } from '../plugins/auth.ts';
import { RegionCodeParam } from './common-schemas.ts';

export function mapRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const likeOf = (req: { query: { region?: string | undefined } }, actor: ReturnType<typeof actorOf>) => {
      if (!req.query.region) return scopePatterns(actor.scope);
      assertInScope(actor.scope, req.query.region);
      return [scopePrefix(req.query.region) + '%'];
    };

    app.get(
      '/map/cases',
      {
        config: { access: 'cases:read' },
        schema: {
          tags: ['map'],
          summary: '一张图 Open cases in my scope (or a region of it) as points, newest first',
          querystring: Type.Object({
            region: Type.Optional(RegionCodeParam),
            category: Type.Optional(Type.String({ pattern: '^[0-9]{4,6}$' })),
            limit: Type.Integer({ minimum: 1, maximum: 20_000, default: 5_000 }),
          }),
        },
      },
      async (req) => {
        const points = await openCasePoints(ctx.db, {
          like: likeOf(req, actorOf(req)),
          limit: req.query.limit,
          categoryCode: req.query.category,
        });
        return { items: points, truncated: points.length === req.query.limit };
      },
    );

    app.get(
      '/map/grid-stats',
      {
        config: { access: 'cases:read' },
        schema: {
          tags: ['map'],
          summary: '网格案件数 Open and overdue cases per grid in my scope (or a region of it)',
          querystring: Type.Object({ region: Type.Optional(RegionCodeParam) }),
        },
      },
      async (req) => ({ items: await openCasesByGrid(ctx.db, { like: likeOf(req, actorOf(req)) }) }),
    );
  };
}
