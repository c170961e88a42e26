// Reads one region visible to the actor, with its ancestors for breadcrumbs.
import { AppError } from '../../domain/errors.ts';
import { ancestorCodes } from '../../domain/regions/region-code.ts';
import { isRegionVisible } from '../../domain/regions/visibility.ts';
import { findRegion, type RegionRow } from '../../store/region-store.ts';
import type { Actor, AppContext } from '../context.ts';

export async function getRegion(
  ctx: AppContext,
  actor: Actor,
  code: string,
): Promise<{ region: RegionRow; path: RegionRow[] }> {
  const region = isRegionVisible(actor.scope, code) ? await findRegion(ctx.db, code) : undefined;
  if (!region) throw new AppError('REGION_NOT_FOUND', { details: { code } });
  const path: RegionRow[] = [];
  for (const a of ancestorCodes(code)) {
    const r = await findRegion(ctx.db, a);
    if (r) path.push(r);
  }
  return { region, path };
}
