// An administrator changes a user's name, roles, status or bindings (optimistic: the caller
// sends the version it read; a stale version is a CONFLICT). Disabling ends the user's sessions.
import { AppError } from '../../domain/errors.ts';
import { appendAudit } from '../../store/audit-store.ts';
import { revokeUserSessions } from '../../store/session-store.ts';
import { setUserBindings, updateUser } from '../../store/user-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { getUser } from './get-user.ts';
import { validateBindings } from './validate-bindings.ts';
import { forgetCachedSessions } from '../auth/resolve-session.ts';

export interface UpdateUserInput {
  version: number;
  displayName?: string | undefined;
  roles?: string[] | undefined;
  status?: 'active' | 'disabled' | undefined;
  regions?: string[] | undefined;
  units?: string[] | undefined;
}

export async function updateUserCommand(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
): Promise<void> {
  const now = ctx.clock.now();
  const user = await getUser(ctx, actor, id);
  const bindings = {
    roles: input.roles ?? user.roles,
    regions: input.regions ?? user.regions,
    units: input.units ?? user.units,
  };
  await validateBindings(ctx.db, actor, bindings);
  await ctx.db.tx(async (q) => {
    if (!(await updateUser(q, id, input.version, input, now))) {
      throw new AppError('CONFLICT', { details: { id, version: input.version } });
    }
    if (input.regions || input.units) await setUserBindings(q, id, bindings.regions, bindings.units);
    if (input.status === 'disabled') await revokeUserSessions(q, id, now);
    await appendAudit(q, {
      at: now,
      actorId: actor.userId,
      actorName: actor.username,
      action: 'user.update',
      target: `user:${user.username}`,
      outcome: 'ok',
      details: { ...input },
    });
  });
  forgetCachedSessions(ctx.db);
}
