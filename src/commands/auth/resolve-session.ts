// From a session token to the acting user. Refuses unknown or revoked sessions
// (UNAUTHENTICATED), sessions idle longer than the configured minutes or past their absolute
// lifetime (SESSION_EXPIRED), and disabled users.
import { isRole } from '../../domain/auth/roles.ts';
import { AppError } from '../../domain/errors.ts';
import { appendAudit } from '../../store/audit-store.ts';
import { findSession, revokeSession, touchSession } from '../../store/session-store.ts';
import { findUserById, unitRegions } from '../../store/user-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { sessionId } from './session-token.ts';

const TOUCH_EVERY_MS = 60_000; // write last_seen_at at most once a minute per session
const CACHE_MS = 2_000; // a resolved session is reused this long (real time) without the database

interface Cached {
  actor: Actor;
  lastSeen: number;
  expiresAt: number;
  cachedAt: number;
}
const caches = new WeakMap<object, Map<string, Cached>>();

/**
 * Forgets every cached session of this database in this process: called on logout, password
 * changes and account changes, so they take effect at once here (other processes: ≤ 2 s).
 */
export function forgetCachedSessions(db: object): void {
  caches.delete(db);
}

export async function resolveSession(ctx: AppContext, token: string): Promise<Actor> {
  const now = ctx.clock.now();
  const id = sessionId(token);
  const cache = caches.get(ctx.db) ?? new Map<string, Cached>();
  caches.set(ctx.db, cache);
  const hit = cache.get(id);
  const t = now.getTime();
  if (
    hit &&
    Date.now() - hit.cachedAt < CACHE_MS &&
    t - hit.lastSeen <= TOUCH_EVERY_MS &&
    t < hit.expiresAt &&
    t >= hit.lastSeen
  ) {
    return hit.actor;
  }
  cache.delete(id);
  const s = await findSession(ctx.db, id);
  if (!s) throw new AppError('UNAUTHENTICATED');
  const idleMs = ctx.config.sessionIdleMinutes * 60_000;
  // A timed-out session says so to every request, also to those that arrive after the first one
  // revoked it (a page's parallel requests), so the user is told why, not just sent to the login.
  if (now.getTime() - s.last_seen_at.getTime() > idleMs || now >= s.expires_at) {
    if (!s.revoked_at) {
      await revokeSession(ctx.db, id, now);
      await appendAudit(ctx.db, {
        at: now,
        actorId: s.user_id,
        action: 'auth.session_expired',
        outcome: 'ok',
      });
    }
    throw new AppError('SESSION_EXPIRED');
  }
  if (s.revoked_at) throw new AppError('UNAUTHENTICATED');
  const user = await findUserById(ctx.db, s.user_id);
  if (!user || user.status !== 'active') throw new AppError('UNAUTHENTICATED');
  let lastSeen = s.last_seen_at.getTime();
  if (now.getTime() - lastSeen > TOUCH_EVERY_MS) {
    await touchSession(ctx.db, id, now);
    lastSeen = now.getTime();
  }
  const regions = [...new Set([...user.regions, ...(await unitRegions(ctx.db, user.units))])].sort();
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    roles: user.roles.filter(isRole),
    scope: { regions },
    unitIds: user.units,
  };
  if (cache.size > 10_000) cache.clear();
  cache.set(id, { actor, lastSeen, expiresAt: s.expires_at.getTime(), cachedAt: Date.now() });
  return actor;
}
