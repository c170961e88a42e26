// An administrator sets a temporary password (policy applies) and unlocks the account; the
// user must change it at next login and loses their open sessions.
import { assertPasswordPolicy } from '../../domain/auth/password-policy.ts';
import { appendAudit } from '../../store/audit-store.ts';
import { revokeUserSessions } from '../../store/session-store.ts';
import { setPassword } from '../../store/user-store.ts';
import { hashPassword } from '../auth/password-hash.ts';
import type { Actor, AppContext } from '../context.ts';
import { getUser } from './get-user.ts';
import { forgetCachedSessions } from '../auth/resolve-session.ts';

export async function resetUserPassword(
  ctx: AppContext,
  actor: Actor,
  id: string,
  password: string,
): Promise<void> {
  const now = ctx.clock.now();
  const user = await getUser(ctx, actor, id);
  assertPasswordPolicy(password, user.username);
  const hash = await hashPassword(password);
  await ctx.db.tx(async (q) => {
    await setPassword(q, id, hash, true, now);
    await revokeUserSessions(q, id, now);
    await appendAudit(q, {
      at: now,
      actorId: actor.userId,
      actorName: actor.username,
      action: 'user.reset_password',
      target: `user:${user.username}`,
      outcome: 'ok',
    });
  });
  forgetCachedSessions(ctx.db);
}
