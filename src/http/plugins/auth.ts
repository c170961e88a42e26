// Resolves the actor from the session token (cookie `wangge_session` or `Authorization: Bearer`)
// and enforces the route's declared access before the handler runs.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../domain/auth/roles.ts';
import { AppError } from '../../domain/errors.ts';
import type { Actor, AppContext } from '../../commands/context.ts';
import { resolveSession } from '../../commands/auth/resolve-session.ts';

export const SESSION_COOKIE = 'wangge_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
}

export function tokenOf(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim() || null;
  return req.cookies?.[SESSION_COOKIE] ?? null;
}

/** The actor of an authenticated route (the guard has already refused anonymous calls). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('preHandler', async (req) => {
    const access = req.routeOptions.config.access;
    if (access === 'public' || access === undefined) return;
    const token = tokenOf(req);
    if (!token) throw new AppError('UNAUTHENTICATED');
    req.actor = await resolveSession(ctx, token);
    req.sessionToken = token;
    if (access !== 'authenticated' && !can(req.actor.roles, access)) {
      throw new AppError('FORBIDDEN', { details: { permission: access } });
    }
  });
}
