// Checks roles, regions and units given for a user: known values, existing rows, inside the
// acting admin's scope, and at least one region or unit so that the user's scope is not empty.
import { isRole } from '../../domain/auth/roles.ts';
import { AppError, type FieldIssue } from '../../domain/errors.ts';
import { levelOf } from '../../domain/regions/region-code.ts';
import { inScope } from '../../domain/regions/scope.ts';
import type { Queryable } from '../../store/db.ts';
import type { Actor } from '../context.ts';

export async function validateBindings(
  q: Queryable,
  actor: Actor,
  b: { roles: string[]; regions: string[]; units: string[] },
): Promise<void> {
  const issues: FieldIssue[] = [];
  b.roles.forEach((r, i) => {
    if (!isRole(r)) issues.push({ field: `roles[${i}]`, zh: `未知角色 ${r}`, en: `unknown role ${r}` });
  });
  if (!b.regions.length && !b.units.length) {
    issues.push({
      field: 'regions',
      zh: '至少绑定一个行政区划或承办单位',
      en: 'bind at least one region or unit',
    });
  }
  const known = new Set(
    (
      await q.query<{ code: string }>('SELECT code FROM regions WHERE code = ANY($1::text[])', [b.regions])
    ).rows.map((r) => r.code),
  );
  b.regions.forEach((code, i) => {
    if (!levelOf(code) || !known.has(code)) {
      issues.push({ field: `regions[${i}]`, zh: `行政区划 ${code} 不存在`, en: `no region ${code}` });
    } else if (!inScope(actor.scope, code)) {
      issues.push({
        field: `regions[${i}]`,
        zh: `${code} 超出您的管辖范围`,
        en: `${code} is outside your scope`,
      });
    }
  });
  const units = new Map(
    (
      await q.query<{ id: string; region_code: string }>(
        'SELECT id, region_code FROM units WHERE id = ANY($1::text[])',
        [b.units],
      )
    ).rows.map((r) => [r.id, r.region_code]),
  );
  b.units.forEach((id, i) => {
    const region = units.get(id);
    if (!region) issues.push({ field: `units[${i}]`, zh: `承办单位 ${id} 不存在`, en: `no unit ${id}` });
    else if (!inScope(actor.scope, region)) {
      issues.push({
        field: `units[${i}]`,
        zh: `单位 ${id} 超出您的管辖范围`,
        en: `unit ${id} is outside your scope`,
      });
    }
  });
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
}
