// An administrator creates an account with roles and the regions/units it works in. The
// initial password must meet the policy; the user must change it at first login.
import { assertPasswordPolicy } from '../../domain/auth/password-policy.ts';
import { AppError } from '../../domain/errors.ts';
import { appendAudit } from '../../store/audit-store.ts';
import { findUserByUsername, insertUser } from '../../store/user-store.ts';
import { hashPassword } from '../auth/password-hash.ts';
import type { Actor, AppContext } from '../context.ts';
import { validateBindings } from './validate-bindings.ts';

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  roles: string[];
  regions: string[];
  units: string[];
  mustChangePassword?: boolean;
}

export async function createUser(ctx: AppContext, actor: Actor, input: CreateUserInput): Promise<string> {
  const now = ctx.clock.now();
  const username = input.username.trim().toLowerCase();
  assertPasswordPolicy(input.password, username);
  await validateBindings(ctx.db, actor, input);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.tx(async (q) => {
    if (await findUserByUsername(q, username)) {
      throw new AppError('CONFLICT', {
        issues: [{ field: 'username', zh: `用户名 ${username} 已存在`, en: `username ${username} is taken` }],
      });
    }
    const id = await insertUser(q, {
      username,
      displayName: input.displayName.trim(),
      passwordHash,
      roles: input.roles,
      regions: input.regions,
      units: input.units,
      mustChangePassword: input.mustChangePassword ?? true,
      now,
    });
    await appendAudit(q, {
      at: now,
      actorId: actor.userId,
      actorName: actor.username,
      action: 'user.create',
      target: `user:${username}`,
      outcome: 'ok',
      details: { roles: input.roles, regions: input.regions, units: input.units },
    });
    return id;
  });
}
