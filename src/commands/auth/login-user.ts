// Log in with username and password. Refuses unknown users and wrong passwords alike
// (LOGIN_FAILED), locks the account for 15 minutes after 5 failures in a row
// (ACCOUNT_LOCKED), refuses disabled accounts; every attempt is audited.
import { afterFailedLogin } from '../../domain/auth/password-policy.ts';
import { AppError } from '../../domain/errors.ts';
import { appendAudit } from '../../store/audit-store.ts';
import { insertSession } from '../../store/session-store.ts';
import { findUserByUsername, recordLoginFailure, recordLoginSuccess } from '../../store/user-store.ts';
import type { AppContext } from '../context.ts';
import { dummyHash, verifyPassword } from './password-hash.ts';
import { newSessionToken, sessionId } from './session-token.ts';

export interface LoginInput {
  username: string;
  password: string;
  ip?: string | null;
  userAgent?: string | null;
}

export interface LoginResult {
  token: string;
  userId: string;
  mustChangePassword: boolean;
  expiresAt: Date;
}

export async function loginUser(ctx: AppContext, input: LoginInput): Promise<LoginResult> {
  const now = ctx.clock.now();
  const username = input.username.trim().toLowerCase();
  const audit = { at: now, actorName: username, ip: input.ip ?? null, target: `user:${username}` };
  const user = await findUserByUsername(ctx.db, username);
  if (!user) {
    await verifyPassword(await dummyHash(), input.password);
    await appendAudit(ctx.db, {
      ...audit,
      action: 'auth.login',
      outcome: 'failed',
      details: { reason: 'unknown_user' },
    });
    throw new AppError('LOGIN_FAILED');
  }
  const who = { ...audit, actorId: user.id };
  if (user.locked_until && user.locked_until > now) {
    await appendAudit(ctx.db, {
      ...who,
      action: 'auth.login',
      outcome: 'denied',
      details: { reason: 'locked' },
    });
    throw new AppError('ACCOUNT_LOCKED', { details: { locked_until: user.locked_until.toISOString() } });
  }
  const ok = await verifyPassword(user.password_hash, input.password);
  if (!ok) {
    const outcome = await ctx.db.tx(async (q) => {
      const row = (
        await q.query<{ failed_attempts: number }>(
          'SELECT failed_attempts FROM users WHERE id = $1 FOR UPDATE',
          [user.id],
        )
      ).rows[0];
      const next = afterFailedLogin(row?.failed_attempts ?? 0, now, ctx.config.lockout);
      await recordLoginFailure(q, user.id, next.failures, next.lockedUntil);
      await appendAudit(q, {
        ...who,
        action: 'auth.login',
        outcome: 'failed',
        details: { reason: 'wrong_password' },
      });
      if (next.lockedUntil) {
        await appendAudit(q, {
          ...who,
          action: 'auth.lockout',
          outcome: 'ok',
          details: { until: next.lockedUntil.toISOString() },
        });
      }
      return next;
    });
    if (outcome.lockedUntil) {
      throw new AppError('ACCOUNT_LOCKED', { details: { locked_until: outcome.lockedUntil.toISOString() } });
    }
    throw new AppError('LOGIN_FAILED', {
      details: { attempts_left: ctx.config.lockout.maxFailures - outcome.failures },
    });
  }
  if (user.status !== 'active') {
    await appendAudit(ctx.db, {
      ...who,
      action: 'auth.login',
      outcome: 'denied',
      details: { reason: 'disabled' },
    });
    throw new AppError('ACCOUNT_DISABLED');
  }
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionMaxHours * 3_600_000);
  await ctx.db.tx(async (q) => {
    await insertSession(q, {
      id: sessionId(token),
      userId: user.id,
      now,
      expiresAt,
      ip: input.ip ?? null,
      userAgent: input.userAgent ?? null,
    });
    await recordLoginSuccess(q, user.id, now);
    await appendAudit(q, { ...who, action: 'auth.login', outcome: 'ok' });
  });
  return { token, userId: user.id, mustChangePassword: user.must_change_password, expiresAt };
}
