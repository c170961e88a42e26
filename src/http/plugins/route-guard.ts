// Every route must say who may call it: a permission, 'authenticated' (any logged-in user) or
// 'public'. A route that says nothing stops the app from starting (security by tooling).
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS, type Permission } from '../../domain/auth/roles.ts';

export type RouteAccess = Permission | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** Routes that plugins register for themselves (the OpenAPI UI) and are public by nature. */
const PLUGIN_PUBLIC_PREFIXES = ['/docs'];

export function isRouteAccess(v: unknown): v is RouteAccess {
  return v === 'public' || v === 'authenticated' || (PERMISSIONS as readonly unknown[]).includes(v);
}

export function registerRouteGuard(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const cfg = (route.config ?? {}) as { access?: unknown };
    if (PLUGIN_PUBLIC_PREFIXES.some((p) => route.url === p || route.url.startsWith(p + '/'))) {
      route.config = { ...(route.config ?? {}), access: 'public' };
      return;
    }
    if (!isRouteAccess(cfg.access)) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} declares no access (config.access = a permission, 'authenticated' or 'public')`,
      );
    }
  });
}
