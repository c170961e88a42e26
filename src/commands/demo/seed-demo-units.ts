// Demo handling units for one city, built from the regions already loaded: every county/city function
// at city and county level (漳州市城市管理局, 芗城区交警大队 …), a street office or township government,
// a police station and a justice office per township, a committee per village or community, and
// property companies in the urban streets. Ids are readable and stable: u-<region prefix>-<function>.
import { AppError } from '../../domain/errors.ts';
import { scopePrefix } from '../../domain/regions/region-code.ts';
import { UNIT_FUNCTIONS, functionByCode } from '../../domain/units/unit-functions.ts';
import type { Queryable } from '../../store/db.ts';
import {
  insertUnits,
  listRegionsForUnits,
  type NewUnit,
  type RegionForUnits,
} from '../../store/unit-store.ts';

interface Place {
  full: string; // 漳州市 / 芗城区
  short: string; // 漳州 / 芗城
  city: boolean;
  cityFull: string;
  cityShort: string;
}

const NAMES: Record<string, (p: Place) => string> = {
  urban_management: (p) => `${p.full}城市管理局`,
  municipal_landscape: (p) => `${p.full}市政园林中心`,
  housing_construction: (p) => `${p.full}住房和城乡建设局`,
  traffic_police: (p) => (p.city ? `${p.full}公安局交通警察支队` : `${p.full}交警大队`),
  transport: (p) => `${p.full}交通运输局`,
  fire_rescue: (p) => (p.city ? `${p.full}消防救援支队` : `${p.full}消防救援大队`),
  ecology_environment: (p) => (p.city ? `${p.full}生态环境局` : `${p.cityFull}${p.short}生态环境局`),
  market_regulation: (p) => `${p.full}市场监督管理局`,
  water_resources: (p) => `${p.full}水利局`,
  power_supply: (p) => `国网${p.city ? p.cityShort : p.full}供电公司`,
  gas: (p) => (p.city ? `${p.cityShort}华润燃气有限公司` : `${p.cityShort}华润燃气${p.short}营业所`),
  water_supply: (p) => `${p.full}自来水公司`,
  telecom: (p) => `中国电信${p.short}分公司`,
  postal: (p) => `中国邮政${p.full}分公司`,
  public_security: (p) =>
    p.city || !p.full.endsWith('区') ? `${p.full}公安局` : `${p.cityFull}公安局${p.short}分局`,
  justice: (p) => `${p.full}司法局`,
  human_resources: (p) => `${p.full}人力资源和社会保障局`,
  civil_affairs: (p) => `${p.full}民政局`,
  health: (p) => (p.city ? `${p.full}卫生健康委员会` : `${p.full}卫生健康局`),
  emergency_management: (p) => `${p.full}应急管理局`,
  sports: (p) => (p.city ? `${p.full}体育局` : `${p.full}文化体育和旅游局`),
  meteorology: (p) => `${p.full}气象局`,
};

/** '芗城区' → '芗城', '南坑街道' → '南坑', '天宝镇' → '天宝' (names of two characters stay whole). */
function shortName(name: string): string {
  const m = /^(.{2,}?)(街道|镇|乡|区|县|市)$/.exec(name);
  return m ? m[1]! : name;
}

function unitId(regionCode: string, fn: string): string {
  return `u-${scopePrefix(regionCode)}-${fn}`;
}

function unit(region: RegionForUnits, fn: string, name: string, parentId: string | null): NewUnit {
  const kind = functionByCode(fn)?.kind ?? 'department';
  return {
    id: unitId(region.code, fn),
    name,
    kind,
    function: fn,
    region_code: region.code,
    parent_id: parentId,
    phone: null,
  };
}

function townshipOffice(t: RegionForUnits): string {
  if (t.kind === 'street') return `${t.name}办事处`;
  if (t.kind === 'town' || t.kind === 'township') return `${t.name}人民政府`;
  return `${t.name}管理委员会`;
}

function committeeName(v: RegionForUnits): string {
  if (/(委员会|居委会|村委会)$/.test(v.name)) return v.name;
  if (v.kind === 'community') return `${v.name}居民委员会`;
  if (v.kind === 'village') return `${v.name}村民委员会`;
  return `${v.name}管理组`;
}

/** The demo units of the city's regions (pure: no I/O), parents before children. */
export function demoUnitsFor(regions: RegionForUnits[]): NewUnit[] {
  const city = regions.find((r) => r.level === 'city');
  if (!city) return [];
  const cityShort = shortName(city.name);
  const place = (r: RegionForUnits): Place => ({
    full: r.name,
    short: shortName(r.name),
    city: r.level === 'city',
    cityFull: city.name,
    cityShort,
  });
  const areaFunctions = UNIT_FUNCTIONS.filter((f) => f.levels.includes('county') && NAMES[f.code]);
  const out: NewUnit[] = areaFunctions.map((f) => unit(city, f.code, NAMES[f.code]!(place(city)), null));
  const countyOf = new Map<string, RegionForUnits>();
  for (const r of regions) {
    if (r.level === 'county') {
      countyOf.set(r.code, r);
      for (const f of areaFunctions)
        out.push(unit(r, f.code, NAMES[f.code]!(place(r)), unitId(city.code, f.code)));
    } else if (r.level === 'township') {
      const county = r.parent_code ? countyOf.get(r.parent_code) : undefined;
      const countyCode = county?.code ?? city.code;
      const short = r.kind === 'other' ? r.name : shortName(r.name);
      out.push(unit(r, 'street_office', townshipOffice(r), null));
      out.push(unit(r, 'police_station', `${short}派出所`, unitId(countyCode, 'public_security')));
      out.push(unit(r, 'justice_office', `${short}司法所`, unitId(countyCode, 'justice')));
      if (r.kind === 'street' && county?.name.endsWith('区')) {
        out.push(unit(r, 'property_company', `${cityShort}${short}物业服务有限公司`, null));
      }
    } else if (r.level === 'village' && r.parent_code) {
      out.push(unit(r, 'community_committee', committeeName(r), unitId(r.parent_code, 'street_office')));
    }
  }
  return out;
}

/**
 * Creates the demo units of a city (4-digit code) from its regions in one set-based insert; units that
 * already exist are kept. Returns how many were added. Refuses REGION_NOT_FOUND when the city is not loaded.
 */
export async function seedDemoUnits(q: Queryable, cityCode: string): Promise<number> {
  const regions = await listRegionsForUnits(q, cityCode.slice(0, 4));
  if (!regions.some((r) => r.level === 'city'))
    throw new AppError('REGION_NOT_FOUND', { details: { cityCode } });
  return insertUnits(q, demoUnitsFor(regions), new Date());
}
