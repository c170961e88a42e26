// Which unit a case goes to (派遣规则): the category's default unit function per region level,
// tried in the order the ownership rule gives — components to the owner first (部件先属主，后属地:
// county, then city department), events and social matters to the locality first (事件先属地，后属主:
// township, then county, then city) — and at each level the unit of that function serving the
// case's region. The dispatcher can always override.
import { ancestorCodes } from '../regions/region-code.ts';

export type CategoryKind = 'component' | 'event' | 'social';
export type UnitLevel = 'city' | 'county' | 'township' | 'village';

export interface UnitCandidate {
  id: string;
  function: string;
  region_code: string;
}

const ORDER: Record<CategoryKind, UnitLevel[]> = {
  component: ['county', 'city', 'township', 'village'],
  event: ['village', 'township', 'county', 'city'],
  social: ['village', 'township', 'county', 'city'],
};

/**
 * The lead unit for a case in `villageCode` of a category with `defaultUnits` (level → unit
 * function): the first level, in ownership order, that names a function and has an active unit
 * of it in the case's region chain. undefined when none exists (the dispatcher must choose).
 */
export function suggestLeadUnit(
  kind: CategoryKind,
  defaultUnits: Partial<Record<UnitLevel, string>>,
  villageCode: string,
  units: readonly UnitCandidate[],
): UnitCandidate | undefined {
  const chain = [...ancestorCodes(villageCode), villageCode]; // province … township, village
  const regionAt: Record<UnitLevel, string | undefined> = {
    city: chain[1],
    county: chain[2],
    township: chain[3],
    village: chain[4],
  };
  for (const level of ORDER[kind]) {
    const fn = defaultUnits[level];
    const region = regionAt[level];
    if (!fn || !region) continue;
    const unit = units.find((u) => u.function === fn && u.region_code === region);
    if (unit) return unit;
  }
  return undefined;
}
