// Reads one unit if it lies inside the caller's scope; a unit outside it is reported as missing, so
// that ids in other jurisdictions cannot be probed.
import { AppError } from '../../domain/errors.ts';
import { inScope } from '../../domain/regions/scope.ts';
import type { Queryable } from '../../store/db.ts';
import { findUnit, type UnitRow } from '../../store/unit-store.ts';
import type { Actor } from '../context.ts';

/** The unit, or UNIT_NOT_FOUND when it does not exist or is outside the actor's scope. */
export async function getUnit(q: Queryable, actor: Actor, id: string): Promise<UnitRow> {
  const unit = await findUnit(q, id);
  if (!unit || !inScope(actor.scope, unit.region_code))
    throw new AppError('UNIT_NOT_FOUND', { details: { id } });
  return unit;
}
