// Reads one user if the caller's scope covers one of the user's regions or units.
import { AppError } from '../../domain/errors.ts';
import { inScope } from '../../domain/regions/scope.ts';
import { findUserById, unitRegions, type UserRow } from '../../store/user-store.ts';
import type { Actor, AppContext } from '../context.ts';

export async function getUser(ctx: AppContext, actor: Actor, id: string): Promise<UserRow> {
  const user = await findUserById(ctx.db, id);
  const regions = user ? [...user.regions, ...(await unitRegions(ctx.db, user.units))] : [];
  if (!user || !regions.some((r) => inScope(actor.scope, r)))
    throw new AppError('USER_NOT_FOUND', { details: { id } });
  return user;
}
