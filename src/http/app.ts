// Builds the Fastify app (no listen): plugins, error handling, the route guard and every route.
// Tests call buildApp(ctx).inject(); the CLI calls listen().
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import addFormats from 'ajv-formats';
import type { AppContext } from '../commands/context.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';
import { registerRouteGuard } from './plugins/route-guard.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerRateLimit } from './plugins/rate-limit.ts';
import { routes } from './routes/index.ts';
import { webRoutes } from './routes/web-routes.ts';
import { mobileRoutes } from './routes/mobile-routes.ts';
import { open311Routes } from './open311/open311-routes.ts';

export interface BuildOptions {
  logger?: boolean | { level: string };
  /** The built console to serve at `/` (default dist/web/console); null: the landing page. */
  webDir?: string | null;
  /** The built mobile apps (/portal, /field; default dist/web/mobile); null: not served. */
  mobileDir?: string | null;
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 10 * 1024 * 1024,
    ajv: {
      customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false, useDefaults: true },
      plugins: [addFormats as never],
    },
    trustProxy: true,
  });
  registerRouteGuard(app);
  registerErrorHandler(app);
  registerRateLimit(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Wangge 网格 API',
        version: '0.1.0',
        description: '网格化服务管理平台 — grid-based social governance',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'wangge_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  registerAuth(app, ctx);
  await app.register(mobileRoutes(opts.mobileDir));
  await app.register(webRoutes(ctx, opts.webDir));
  for (const register of routes) await app.register(register(ctx), { prefix: '/api/v1' });
  await app.register(open311Routes(ctx), { prefix: '/open311/v2' });
  return app;
}
