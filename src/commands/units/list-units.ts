// Lists the units inside the caller's scope (scoped in SQL, so nothing outside can leak), filtered by
// region subtree, function, kind, activity and text, one keyset page at a time.
import { scopePrefix } from '../../domain/regions/region-code.ts';
import { scopePatterns } from '../../domain/regions/scope.ts';
import { listUnits, type UnitRow } from '../../store/unit-store.ts';
import type { Actor, AppContext } from '../context.ts';

export interface ListUnitsInput {
  region?: string | undefined;
  function?: string | undefined;
  kind?: string | undefined;
  q?: string | undefined;
  active?: boolean | undefined;
  after?: string | undefined;
  limit: number;
}

/** One page of units and the cursor of the next page (null on the last page). */
export async function listUnitsCommand(
  ctx: AppContext,
  actor: Actor,
  input: ListUnitsInput,
): Promise<{ items: UnitRow[]; next: string | null }> {
  const rows = await listUnits(ctx.db, {
    scopePatterns: scopePatterns(actor.scope),
    regionPattern: input.region ? scopePrefix(input.region) + '%' : undefined,
    function: input.function,
    kind: input.kind,
    text: input.q?.trim() || undefined,
    active: input.active,
    afterId: input.after,
    limit: input.limit,
  });
  const last = rows.length === input.limit ? rows[rows.length - 1] : undefined;
  return { items: rows, next: last?.id ?? null };
}
