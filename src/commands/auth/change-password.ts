// A user changes their own password: the current one must be right and the new one must meet
// the policy and differ from the current. Other sessions of the user are ended.
import { assertPasswordPolicy } from '../../domain/auth/password-policy.ts';
import { AppError } from '../../domain/errors.ts';
import { appendAudit } from '../../store/audit-store.ts';
import { revokeUserSessions } from '../../store/session-store.ts';
import { findUserById, setPassword } from '../../store/user-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { sessionId } from './session-token.ts';
import { forgetCachedSessions } from './resolve-session.ts';

export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; token: string },
): Promise<void> {
  const now = ctx.clock.now();
  const user = await findUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await appendAudit(ctx.db, {
      at: now,
      actorId: user.id,
      actorName: user.username,
      action: 'auth.change_password',
      outcome: 'failed',
    });
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ field: 'current_password', zh: '当前密码不正确', en: 'is not the current password' }],
    });
  }
  assertPasswordPolicy(input.newPassword, user.username, 'new_password');
  if (input.newPassword === input.currentPassword) {
    throw new AppError('WEAK_PASSWORD', {
      issues: [
        { field: 'new_password', zh: '不能与当前密码相同', en: 'must differ from the current password' },
      ],
    });
  }
  const hash = await hashPassword(input.newPassword);
  await ctx.db.tx(async (q) => {
    await setPassword(q, user.id, hash, false, now);
    await revokeUserSessions(q, user.id, now, sessionId(input.token));
    await appendAudit(q, {
      at: now,
      actorId: user.id,
      actorName: user.username,
      action: 'auth.change_password',
      outcome: 'ok',
    });
  });
  forgetCachedSessions(ctx.db);
}
