// Serves the built console (dist/web/console, see web/console/vite.config.ts) at `/`: hashed
// files under /assets/ with a one-year immutable cache, index.html never cached, and index.html
// for every other GET that is not the API, the docs or Open311 (the console's client routes).
// Without a build (tests, a fresh checkout before `npm run build:web`) it keeps the landing page.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { AppContext } from '../../commands/context.ts';
import { landingRoutes } from './landing-routes.ts';

/** Where `npm run build:web` puts the console. */
/** Where the built console is: dist/web/console, or WANGGE_WEB_DIST. */
export const WEB_DIST_DIR =
  process.env.WANGGE_WEB_DIST || fileURLToPath(new URL('../../../dist/web/console', import.meta.url));

/** Paths that belong to the server, never to the console's client routes. */
const SERVER_PREFIXES = ['/api/', '/docs', '/open311/'];

/** A relative file path that stays inside its folder (no `..`, no backslash, no empty part). */
function isPlainPath(p: string): boolean {
  return (
    p !== '' &&
    !/[\\\0]/.test(p) &&
    p.split('/').every((part) => part !== '' && part !== '..' && part !== '.')
  );
}

export function webRoutes(ctx: AppContext, dir: string | null = WEB_DIST_DIR): FastifyPluginAsync {
  if (!dir || !existsSync(join(dir, 'index.html'))) return landingRoutes(ctx);
  return async (app) => {
    await app.register(fastifyStatic, { root: dir, serve: false, index: false, dotfiles: 'ignore' });
    const sendIndex = (reply: FastifyReply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    const hidden = { config: { access: 'public' as const }, schema: { hide: true } };

    app.get('/', hidden, async (_req, reply) => sendIndex(reply));

    app.get<{ Params: { '*': string } }>('/assets/*', hidden, async (req, reply) => {
      const file = req.params['*'];
      if (!isPlainPath(file)) return reply.callNotFound();
      return reply.sendFile(`assets/${file}`, { maxAge: '365d', immutable: true });
    });

    app.get<{ Params: { '*': string } }>('/*', hidden, async (req, reply) => {
      const path = req.url.split('?')[0] ?? '';
      if (SERVER_PREFIXES.some((p) => path.startsWith(p))) return reply.callNotFound();
      const file = req.params['*'];
      // Top-level files of the build (favicon …): short cache; anything else is a client route.
      if (/^[\w.-]+\.\w+$/.test(file) && existsSync(join(dir, file))) {
        return reply.sendFile(file, { maxAge: '1h' });
      }
      return sendIndex(reply);
    });
  };
}
