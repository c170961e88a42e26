// An administrator registers a handling unit in a region inside their scope. The function decides the
// default kind; the id, when not given, is readable and stable: u-<region prefix>-<function>[-n].
import { AppError } from '../../domain/errors.ts';
import { scopePrefix } from '../../domain/regions/region-code.ts';
import { assertInScope } from '../../domain/regions/scope.ts';
import { functionByCode } from '../../domain/units/unit-functions.ts';
import { appendAudit } from '../../store/audit-store.ts';
import { existingUnitIds, insertUnits, regionLevel, unitNameTaken } from '../../store/unit-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { validateUnitFields } from './validate-unit-fields.ts';

export interface CreateUnitInput {
  id?: string | undefined;
  name: string;
  function: string;
  kind?: string | undefined;
  regionCode: string;
  parentId?: string | undefined;
  phone?: string | undefined;
}

/**
 * Creates the unit and returns its id. Refuses OUT_OF_SCOPE for a region outside the actor's scope,
 * VALIDATION_FAILED for an unknown region/function/kind/parent, CONFLICT for a taken id or name.
 */
export async function createUnit(ctx: AppContext, actor: Actor, input: CreateUnitInput): Promise<string> {
  const now = ctx.clock.now();
  const name = input.name.trim();
  const kind = input.kind ?? functionByCode(input.function)?.kind;
  return ctx.db.tx(async (q) => {
    if (!(await regionLevel(q, input.regionCode))) {
      throw new AppError('VALIDATION_FAILED', {
        issues: [
          {
            field: 'region_code',
            zh: `行政区划 ${input.regionCode} 不存在`,
            en: `no region ${input.regionCode}`,
          },
        ],
      });
    }
    assertInScope(actor.scope, input.regionCode);
    const issues = await validateUnitFields(q, actor, {
      function: input.function,
      kind,
      parentId: input.parentId,
    });
    if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
    if (await unitNameTaken(q, input.regionCode, name)) {
      throw new AppError('CONFLICT', {
        issues: [
          { field: 'name', zh: `本区划已有单位 ${name}`, en: `a unit named ${name} exists in the region` },
        ],
      });
    }
    const base = input.id ?? `u-${scopePrefix(input.regionCode)}-${input.function}`;
    const candidates = input.id
      ? [base]
      : [base, ...Array.from({ length: 49 }, (_, i) => `${base}-${i + 2}`)];
    const taken = await existingUnitIds(q, candidates);
    const id = candidates.find((c) => !taken.has(c));
    if (!id) {
      throw new AppError('CONFLICT', {
        issues: [{ field: 'id', zh: `单位编号 ${base} 已存在`, en: `unit id ${base} is taken` }],
      });
    }
    await insertUnits(
      q,
      [
        {
          id,
          name,
          kind: kind ?? 'department',
          function: input.function,
          region_code: input.regionCode,
          parent_id: input.parentId ?? null,
          phone: input.phone ?? null,
        },
      ],
      now,
    );
    await appendAudit(q, {
      at: now,
      actorId: actor.userId,
      actorName: actor.username,
      action: 'unit.create',
      target: `unit:${id}`,
      outcome: 'ok',
      details: { name, function: input.function, region_code: input.regionCode },
    });
    return id;
  });
}
