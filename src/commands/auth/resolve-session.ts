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

export async function resolveSession(ctx: AppContext, token: string): Promise<Actor> {
  const now = ctx.clock.now();
  const id = sessionId(token);
  const s = await findSession(ctx.db, id);
  if (!s || s.revoked_at) throw new AppError('UNAUTHENTICATED');
  const idleMs = ctx.config.sessionIdleMinutes * 60_000;
  if (now.getTime() - s.last_seen_at.getTime() > idleMs || now >= s.expires_at) {
    await revokeSession(ctx.db, id, now);
    await appendAudit(ctx.db, { at: now, actorId: s.user_id, action: 'auth.session_expired', outcome: 'ok' });
    throw new AppError('SESSION_EXPIRED');
  }
  const user = await findUserById(ctx.db, s.user_id);
  if (!user || user.status !== 'active') throw new AppError('UNAUTHENTICATED');
  if (now.getTime() - s.last_seen_at.getTime() > TOUCH_EVERY_MS) await touchSession(ctx.db, id, now);
  const regions = [...new Set([...user.regions, ...(await unitRegions(ctx.db, user.units))])].sort();
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    roles: user.roles.filter(isRole),
    scope: { regions },
    unitIds: user.units,
  };
}
