// Liveness and the landing page's facts about this installation.
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../commands/context.ts';

export function systemRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/health', { config: { access: 'public' }, schema: { tags: ['system'] } }, async () => {
      await ctx.db.query('SELECT 1');
      return {
        status: 'ok',
        engine: ctx.db.engine,
        mode: ctx.config.mode,
        time: ctx.clock.now().toISOString(),
      };
    });
  };
}
