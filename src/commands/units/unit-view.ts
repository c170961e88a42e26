// The public shape of a handling unit: the row plus its function's names.
import { functionByCode } from '../../domain/units/unit-functions.ts';
import type { UnitRow } from '../../store/unit-store.ts';

export interface UnitView {
  id: string;
  name: string;
  kind: string;
  function: string;
  function_label: { zh: string; en: string };
  region_code: string;
  region_name: string | null;
  parent_id: string | null;
  phone: string | null;
  active: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A unit row as the API returns it. */
export function toUnitView(u: UnitRow): UnitView {
  const fn = functionByCode(u.function);
  return {
    id: u.id,
    name: u.name,
    kind: u.kind,
    function: u.function,
    function_label: fn ? { zh: fn.zh, en: fn.en } : { zh: u.function, en: u.function },
    region_code: u.region_code,
    region_name: u.region_name,
    parent_id: u.parent_id,
    phone: u.phone,
    active: u.active,
    version: u.version,
    created_at: u.created_at.toISOString(),
    updated_at: u.updated_at.toISOString(),
  };
}
