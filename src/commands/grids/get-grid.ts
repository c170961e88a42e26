// Reads one grid in the actor's scope, with its grid workers and leaders.
import { AppError } from '../../domain/errors.ts';
import { inScope } from '../../domain/regions/scope.ts';
import { findGrid, type GridRow } from '../../store/grid-store.ts';
import type { Actor, AppContext } from '../context.ts';

export interface GridMember {
  user_id: string;
  display_name: string;
  role: string;
  full_time: boolean;
}

export async function getGrid(
  ctx: AppContext,
  actor: Actor,
  code: string,
): Promise<{ grid: GridRow; members: GridMember[] }> {
  const grid = await findGrid(ctx.db, code);
  if (!grid || !inScope(actor.scope, grid.region_code))
    throw new AppError('GRID_NOT_FOUND', { details: { code } });
  const members = (
    await ctx.db.query<GridMember>(
      `SELECT m.user_id, u.display_name, m.role, m.full_time FROM grid_members m JOIN users u ON u.id = m.user_id
       WHERE m.grid_code = $1 ORDER BY m.role, u.display_name`,
      [code],
    )
  ).rows;
  return { grid, members };
}
