// Unit functions (承办单位职能): what a handling unit does, with a stable English code name used in the
// schema, the API and dispatch rules, and the Chinese name used in the taxonomy (default_unit in
// reference/categories.csv). `levels` says at which region levels such units normally exist;
// `parent` names the function one level up (派出所 → 公安局) so that dispatch can escalate.

export type UnitKind =
  'department' | 'street_office' | 'community_committee' | 'property_company' | 'enterprise';
export const UNIT_KINDS: readonly UnitKind[] = [
  'department',
  'street_office',
  'community_committee',
  'property_company',
  'enterprise',
];

/** Region levels a unit may be set up at (provinces are out of the platform's reach). */
export type UnitLevel = 'village' | 'township' | 'county' | 'city';
export const UNIT_LEVELS: readonly UnitLevel[] = ['village', 'township', 'county', 'city'];

export interface UnitFunction {
  code: string;
  zh: string;
  en: string;
  /** Other Chinese names for the same function (村委会 for 社区居委会, 乡镇人民政府 for 街道办). */
  aliases: readonly string[];
  kind: UnitKind;
  levels: readonly UnitLevel[];
  parent?: string;
}

const COUNTY_CITY: readonly UnitLevel[] = ['county', 'city'];

function fn(
  code: string,
  zh: string,
  en: string,
  more: Partial<Pick<UnitFunction, 'aliases' | 'kind' | 'levels' | 'parent'>> = {},
): UnitFunction {
  return { code, zh, en, aliases: [], kind: 'department', levels: COUNTY_CITY, ...more };
}

export const UNIT_FUNCTIONS: readonly UnitFunction[] = [
  fn('urban_management', '城管局', 'Urban management', { aliases: ['城市管理局', '城管'] }),
  fn('municipal_landscape', '市政园林', 'Municipal works and landscaping', { aliases: ['市政园林局'] }),
  fn('housing_construction', '住建局', 'Housing and construction', { aliases: ['住房和城乡建设局'] }),
  fn('traffic_police', '交警大队', 'Traffic police', { aliases: ['交警', '交警支队'] }),
  fn('transport', '交通运输局', 'Transport'),
  fn('fire_rescue', '消防救援', 'Fire and rescue', { aliases: ['消防救援大队', '消防救援支队'] }),
  fn('ecology_environment', '生态环境局', 'Ecology and environment'),
  fn('market_regulation', '市场监管局', 'Market regulation', { aliases: ['市场监督管理局'] }),
  fn('water_resources', '水利局', 'Water resources'),
  fn('power_supply', '供电公司', 'Power supply', { kind: 'enterprise' }),
  fn('gas', '燃气公司', 'Gas supply', { kind: 'enterprise' }),
  fn('water_supply', '自来水公司', 'Water supply', { kind: 'enterprise', aliases: ['供水公司'] }),
  fn('telecom', '通信运营商', 'Telecom operators', { kind: 'enterprise' }),
  fn('postal', '邮政公司', 'Postal service', { kind: 'enterprise' }),
  fn('public_security', '公安局', 'Public security', { aliases: ['公安分局'] }),
  fn('police_station', '派出所', 'Police station', { levels: ['township'], parent: 'public_security' }),
  fn('justice', '司法局', 'Justice bureau'),
  fn('justice_office', '司法所', 'Justice office', { levels: ['township'], parent: 'justice' }),
  fn('street_office', '街道办', 'Street office / township government', {
    kind: 'street_office',
    levels: ['township'],
    aliases: ['街道办事处', '乡镇人民政府', '镇人民政府', '乡人民政府'],
  }),
  fn('community_committee', '社区居委会', 'Community / village committee', {
    kind: 'community_committee',
    levels: ['village'],
    parent: 'street_office',
    aliases: ['居委会', '村委会', '村民委员会', '居民委员会'],
  }),
  fn('property_company', '物业公司', 'Property management company', {
    kind: 'property_company',
    levels: ['township'],
  }),
  fn('human_resources', '人社局', 'Human resources and social security', {
    aliases: ['人力资源和社会保障局'],
  }),
  fn('civil_affairs', '民政局', 'Civil affairs'),
  fn('health', '卫健委', 'Health commission', { aliases: ['卫生健康委员会', '卫生健康局'] }),
  fn('emergency_management', '应急管理局', 'Emergency management'),
  fn('sports', '体育局', 'Sports'),
  fn('meteorology', '气象局', 'Meteorology'),
];

const BY_CODE = new Map(UNIT_FUNCTIONS.map((f) => [f.code, f]));
const BY_ZH = new Map(UNIT_FUNCTIONS.flatMap((f) => [f.zh, ...f.aliases].map((n) => [n, f] as const)));

/** The function with this Chinese name or alias ('城管局', '村委会' …); undefined when unknown. */
export function functionByZh(name: string): UnitFunction | undefined {
  return BY_ZH.get(name.trim());
}

/** The function with this code name; undefined when unknown. */
export function functionByCode(code: string): UnitFunction | undefined {
  return BY_CODE.get(code);
}

/** True for a known function code name. */
export function isUnitFunction(code: string): boolean {
  return BY_CODE.has(code);
}

/**
 * Where a function's units sit, lowest level first, escalating through `parent`:
 * police_station → {township: police_station, county: public_security, city: public_security}.
 */
export function functionChain(code: string): Partial<Record<UnitLevel, string>> {
  const out: Partial<Record<UnitLevel, string>> = {};
  for (let f = functionByCode(code); f; f = f.parent ? functionByCode(f.parent) : undefined) {
    for (const level of f.levels) out[level] ??= f.code;
  }
  return out;
}
