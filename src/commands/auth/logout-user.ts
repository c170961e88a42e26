// Ends the caller's session; audited.
import { appendAudit } from '../../store/audit-store.ts';
import { revokeSession } from '../../store/session-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { sessionId } from './session-token.ts';
import { forgetCachedSessions } from './resolve-session.ts';

export async function logoutUser(ctx: AppContext, actor: Actor, token: string, ip?: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.tx(async (q) => {
    await revokeSession(q, sessionId(token), now);
    await appendAudit(q, {
      at: now,
      actorId: actor.userId,
      actorName: actor.username,
      action: 'auth.logout',
      outcome: 'ok',
      ip: ip ?? null,
    });
  });
  forgetCachedSessions(ctx.db);
}
