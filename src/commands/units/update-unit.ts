// An administrator renames a unit, changes its function, kind, parent or phone, or deactivates it
// (optimistic: the caller sends the version it read; a stale version is a CONFLICT and nothing changes).
import { AppError } from '../../domain/errors.ts';
import { appendAudit } from '../../store/audit-store.ts';
import { unitNameTaken, updateUnit } from '../../store/unit-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { getUnit } from './get-unit.ts';
import { validateUnitFields } from './validate-unit-fields.ts';

export interface UpdateUnitInput {
  version: number;
  name?: string | undefined;
  function?: string | undefined;
  kind?: string | undefined;
  parentId?: string | null | undefined;
  phone?: string | null | undefined;
  active?: boolean | undefined;
}

/** Applies the patch. Refuses UNIT_NOT_FOUND outside scope, VALIDATION_FAILED, CONFLICT (name or version). */
export async function updateUnitCommand(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateUnitInput,
): Promise<void> {
  const now = ctx.clock.now();
  const name = input.name?.trim();
  await ctx.db.tx(async (q) => {
    const unit = await getUnit(q, actor, id);
    const issues = await validateUnitFields(q, actor, { ...input, selfId: id });
    if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
    if (name && name !== unit.name && (await unitNameTaken(q, unit.region_code, name, id))) {
      throw new AppError('CONFLICT', {
        issues: [
          { field: 'name', zh: `本区划已有单位 ${name}`, en: `a unit named ${name} exists in the region` },
        ],
      });
    }
    if (!(await updateUnit(q, id, input.version, { ...input, name }, now))) {
      throw new AppError('CONFLICT', { details: { id, version: input.version, current: unit.version } });
    }
    await appendAudit(q, {
      at: now,
      actorId: actor.userId,
      actorName: actor.username,
      action: 'unit.update',
      target: `unit:${id}`,
      outcome: 'ok',
      details: { ...input },
    });
  });
}
