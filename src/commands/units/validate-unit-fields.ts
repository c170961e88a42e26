// Checks the function, kind and parent given for a unit: known values, an existing parent inside the
// actor's scope, and no unit as its own ancestor.
import type { FieldIssue } from '../../domain/errors.ts';
import { inScope } from '../../domain/regions/scope.ts';
import { UNIT_KINDS, isUnitFunction, type UnitKind } from '../../domain/units/unit-functions.ts';
import type { Queryable } from '../../store/db.ts';
import { findUnit } from '../../store/unit-store.ts';
import type { Actor } from '../context.ts';

export interface UnitFields {
  function?: string | undefined;
  kind?: string | undefined;
  parentId?: string | null | undefined;
  /** The unit being edited (a parent chain must not come back to it). */
  selfId?: string | undefined;
}

/** Every problem with the fields, each naming its field; empty when all is well. */
export async function validateUnitFields(q: Queryable, actor: Actor, f: UnitFields): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (f.function !== undefined && !isUnitFunction(f.function)) {
    issues.push({
      field: 'function',
      zh: `未知的单位职能 ${f.function}`,
      en: `unknown unit function ${f.function}`,
    });
  }
  if (f.kind !== undefined && !UNIT_KINDS.includes(f.kind as UnitKind)) {
    issues.push({ field: 'kind', zh: `未知的单位类型 ${f.kind}`, en: `unknown unit kind ${f.kind}` });
  }
  if (f.parentId) {
    const seen = new Set<string>(f.selfId ? [f.selfId] : []);
    const parent = await findUnit(q, f.parentId);
    if (!parent || !inScope(actor.scope, parent.region_code)) {
      issues.push({
        field: 'parent_id',
        zh: `上级单位 ${f.parentId} 不存在`,
        en: `no parent unit ${f.parentId}`,
      });
      return issues;
    }
    // Walk up at most a few dozen levels: a cycle would make the hierarchy meaningless.
    for (let u: typeof parent | undefined = parent, i = 0; u && i < 50; i++) {
      if (seen.has(u.id)) {
        issues.push({ field: 'parent_id', zh: '上级单位不能形成循环', en: 'the parent chain must not loop' });
        break;
      }
      seen.add(u.id);
      u = u.parent_id ? await findUnit(q, u.parent_id) : undefined;
    }
  }
  return issues;
}
