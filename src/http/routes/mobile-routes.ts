// Serves the mobile web apps (dist/web/mobile, see web/mobile/vite.config.ts): the residents'
// portal at /portal and the grid worker's field app at /field — each page route gets its app's
// index.html (never cached; the service worker keeps the shell for offline use), their files
// (manifest, icon), the service worker both share (shell-sw.js) and the shared hashed assets under /m-assets/ (cached a year).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic, { type SendOptions } from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

export const MOBILE_DIST_DIR =
  process.env.WANGGE_WEB_MOBILE_DIST || fileURLToPath(new URL('../../../dist/web/mobile', import.meta.url));

const APPS = ['portal', 'field'] as const;

export function mobileRoutes(dir: string | null = MOBILE_DIST_DIR): FastifyPluginAsync {
  return async (app) => {
    if (!dir || !existsSync(join(dir, 'portal', 'index.html'))) return;
    await app.register(fastifyStatic, {
      root: dir,
      serve: false,
      index: false,
      dotfiles: 'ignore',
    });
    const hidden = { config: { access: 'public' as const }, schema: { hide: true } };
    const send = (reply: FastifyReply, file: string, opts: SendOptions) => reply.sendFile(file, opts);

    app.get<{ Params: { '*': string } }>('/m-assets/*', hidden, async (req, reply) => {
      const file = req.params['*'];
      if (!/^[\w.-]+$/.test(file)) return reply.callNotFound();
      return send(reply, `m-assets/${file}`, { maxAge: '365d', immutable: true });
    });

    for (const name of APPS) {
      const index = async (_req: unknown, reply: FastifyReply) =>
        send(reply.header('cache-control', 'no-cache'), `${name}/index.html`, { cacheControl: false });
      // Keep the query: embedding apps pass a point (/portal?lng=&lat=&crs=gcj02).
      app.get(`/${name}`, hidden, async (req, reply) => {
        const q = req.url.indexOf('?');
        return reply.redirect(`/${name}/` + (q >= 0 ? req.url.slice(q) : ''));
      });
      app.get(`/${name}/`, hidden, index);
      app.get<{ Params: { '*': string } }>(`/${name}/*`, hidden, async (req, reply) => {
        const file = req.params['*'];
        // One service worker for both apps (it reads its app from its own path), never cached.
        if (file === 'sw.js')
          return send(reply.header('service-worker-allowed', `/${name}/`), 'shell-sw.js', { maxAge: 0 });
        // The app's own files (manifest, icon): short cache; anything else is a page.
        if (/^[\w.-]+\.\w+$/.test(file) && existsSync(join(dir, name, file)))
          return send(reply, `${name}/${file}`, { maxAge: '1h' });
        return index(req, reply);
      });
    }
  };
}
